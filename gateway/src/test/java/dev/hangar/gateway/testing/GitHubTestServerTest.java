package dev.hangar.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GitHub test server rejects what GitHub's OpenAPI description does not allow. */
class GitHubTestServerTest extends VertxPerClass {
  private GitHubTestServer server;
  private WebClient client;

  @BeforeEach
  void start() throws Exception {
    server =
        GitHubTestServer.start(vertx, 1, TestAppKeys.pair().getPublic(),
                new ManualClock(Instant.parse("2026-03-01T10:00:00Z")), "")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private HttpRequest<Buffer> request(HttpMethod m, String path) {
    return client.requestAbs(m, server.apiUrl() + path)
        .putHeader("Accept", "application/vnd.github+json")
        .putHeader("X-GitHub-Api-Version", "2022-11-28")
        .putHeader("User-Agent", "test")
        .putHeader("Authorization", "Bearer ghs_unknown");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void unknownPathIsAViolation() throws Exception {
    await(request(HttpMethod.GET, "/orgs/o/actions/runnerz").send());
    assertEquals(1, server.violations().size());
    assertTrue(server.violations().get(0).contains("no such operation"));
  }

  @Test
  void wrongMethodIsAViolation() throws Exception {
    await(request(HttpMethod.PUT, "/orgs/o/actions/runners/generate-jitconfig").sendJsonObject(new JsonObject()));
    assertTrue(server.violations().get(0).contains("no such operation"));
  }

  @Test
  void jitConfigBodyIsCheckedAgainstTheSchema() throws Exception {
    var resp = await(request(HttpMethod.POST, "/orgs/o/actions/runners/generate-jitconfig")
        .sendJsonObject(new JsonObject().put("name", "i-1").put("runner_group_id", "one").put("labels", new JsonArray())));
    assertEquals(400, resp.statusCode());
    String all = String.join("\n", server.violations());
    assertTrue(all.contains("runner_group_id"), all);
    assertTrue(all.contains("labels"), all);
  }

  @Test
  void missingRequiredBodyFieldIsAViolation() throws Exception {
    await(request(HttpMethod.POST, "/orgs/o/actions/runners/generate-jitconfig")
        .sendJsonObject(new JsonObject().put("name", "i-1").put("labels", new JsonArray().add("x"))));
    assertTrue(String.join("\n", server.violations()).contains("runner_group_id"));
  }

  @Test
  void missingBodyIsAViolation() throws Exception {
    await(request(HttpMethod.POST, "/orgs/o/actions/runners/generate-jitconfig").send());
    assertTrue(String.join("\n", server.violations()).contains("request body is required"));
  }

  @Test
  void nonIntegerPathParameterIsAViolation() throws Exception {
    await(request(HttpMethod.DELETE, "/orgs/o/actions/runners/abc").send());
    assertTrue(String.join("\n", server.violations()).contains("runner_id must be an integer"));
  }

  @Test
  void undeclaredOrBadQueryParameterIsAViolation() throws Exception {
    await(request(HttpMethod.GET, "/app/hook/deliveries?status=broken&foo=1").send());
    String all = String.join("\n", server.violations());
    assertTrue(all.contains("undeclared query parameter foo"), all);
    assertTrue(all.contains("status not one of"), all);
  }

  @Test
  void missingGitHubHeadersAreViolations() throws Exception {
    await(client.requestAbs(HttpMethod.GET, server.apiUrl() + "/orgs/o/actions/runners").send());
    String all = String.join("\n", server.violations());
    assertTrue(all.contains("Accept"), all);
    assertTrue(all.contains("X-GitHub-Api-Version"), all);
    assertTrue(all.contains("Authorization"), all);
  }

  @Test
  void appEndpointsNeedAValidAppJwt() throws Exception {
    var resp = await(request(HttpMethod.GET, "/orgs/o/installation").send());
    assertEquals(401, resp.statusCode());
    assertTrue(String.join("\n", server.violations()).contains("JWT rejected"));
  }

  @Test
  void installationEndpointsRefuseUnknownTokensWith401() throws Exception {
    var resp = await(request(HttpMethod.GET, "/orgs/o/actions/runners").send());
    assertEquals(401, resp.statusCode());
    assertEquals(List.of(), server.violations());
  }
}
