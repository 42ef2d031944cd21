package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.observability.AgentMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docs/agent-api.yaml} and the router agree, and the document's examples are valid. */
@ExtendWith(VertxExtension.class)
class AgentApiDocumentTest {

  @Test
  void routerAndDocumentHaveTheSameOperations(Vertx vertx) {
    var api = new AgentApi(vertx, AgentApiConfig.defaults(), "eu-west-1", null, List.of(),
        new AgentApi.Ports(new InMemoryFleet(), new RecordingLedger(), new FakeGitHub(),
            AgentMetrics.NOOP, Clock.systemUTC()));
    Set<String> routed = new TreeSet<>();
    for (Route r : api.router().getRoutes()) {
      if (r.getPath() != null && r.methods() != null && !r.methods().isEmpty()) {
        r.methods().forEach(m -> routed.add(m.name() + " " + AgentApi.MOUNT + r.getPath()));
      }
    }
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = AgentApiDocument.tree().get("paths").fields(); it.hasNext(); ) {
      var path = it.next();
      path.getValue().fieldNames().forEachRemaining(
          method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    assertEquals(documented, routed);
    assertEquals(6, routed.size());
  }

  @Test
  void documentListsEveryRefusalCodeTheRouterAnswersWithItsStatus() {
    JsonNode error = AgentApiDocument.tree().at("/components/schemas/Error/properties/code");
    Set<String> documented = new TreeSet<>();
    error.get("enum").forEach(c -> documented.add(c.asText()));
    Set<String> coded = new TreeSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      coded.add(c.wire());
      // The description names each code with its status ("sequence_refused 409").
      assertTrue(error.get("description").asText().replaceAll("\\s+", " ").contains(c.wire() + " " + c.status()),
          c.wire() + " " + c.status() + " described");
    }
    assertEquals(coded, documented);
  }

  @Test
  void everyExampleMatchesItsSchema() {
    JsonNode paths = AgentApiDocument.tree().get("paths");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      var e = it.next();
      String path = e.getKey();
      JsonNode op = e.getValue().get("post");
      JsonNode reqExample = op.at("/requestBody/content/application~1json/example");
      assertFalse(reqExample.isMissingNode(), path + " has a request example");
      failures.addAll(prefix(path + " request", AgentApiDocument.checkRequest(path, reqExample)));
      checked++;
      for (Iterator<Map.Entry<String, JsonNode>> rs = op.get("responses").fields(); rs.hasNext(); ) {
        var resp = rs.next();
        JsonNode node = resp.getValue();
        if (node.has("$ref")) {
          node = AgentApiDocument.tree().at(node.get("$ref").asText().substring(1));
        }
        JsonNode example = node.at("/content/application~1json/example");
        assertFalse(example.isMissingNode(), path + " " + resp.getKey() + " has an example");
        failures.addAll(prefix(path + " " + resp.getKey(),
            AgentApiDocument.checkResponse(path, Integer.parseInt(resp.getKey()), example)));
        checked++;
      }
    }
    assertTrue(failures.isEmpty(), failures.toString());
    assertTrue(checked > 40, "checked " + checked);
  }

  @Test
  void schemasRejectWhatTheRouterRejects() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertFalse(AgentApiDocument.checkRequest("/agent/v1/lifecycle",
        json.readTree("{\"hook\":\"launch\",\"result\":\"continue\"}")).isEmpty());
    assertFalse(AgentApiDocument.checkRequest("/agent/v1/heartbeat",
        json.readTree("{\"state\":\"idle\",\"colour\":\"red\"}")).isEmpty());
    assertFalse(AgentApiDocument.checkRequest("/agent/v1/register",
        json.readTree("{\"identityDocument\":\"MIAGCSqGSIb3DQEHAqCAMIACAQEx\"}")).isEmpty());
    assertFalse(AgentApiDocument.checkResponse("/agent/v1/register", 200,
        json.readTree("{\"sessionToken\":\"x\"}")).isEmpty());
    assertTrue(AgentApiDocument.checkResponse("/agent/v1/heartbeat", 200,
        json.readTree("{\"status\":\"ok\"}")).isEmpty());
  }

  @Test
  void schemasUseOnlyOpenApiKeywords() {
    Set<String> keywords = Set.of("type", "format", "description", "properties", "required",
        "additionalProperties", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "nullable", "items", "$ref", "example");
    List<String> unknown = new ArrayList<>();
    AgentApiDocument.tree().get("components").get("schemas").fields().forEachRemaining(
        e -> collectUnknown(e.getKey(), e.getValue(), keywords, unknown));
    assertEquals(List.of(), unknown);
  }

  private static void collectUnknown(String where, JsonNode schema, Set<String> keywords, List<String> out) {
    schema.fieldNames().forEachRemaining(k -> {
      if (!keywords.contains(k)) {
        out.add(where + "." + k);
      }
    });
    JsonNode props = schema.get("properties");
    if (props != null) {
      props.fields().forEachRemaining(p -> collectUnknown(where + "." + p.getKey(), p.getValue(), keywords, out));
    }
  }

  private static List<String> prefix(String where, Set<String> messages) {
    return messages.stream().map(m -> where + ": " + m).toList();
  }
}
