package dev.hangar.gateway.agentapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code docs/agent-api.yaml}, loaded for tests: its tree and its schemas as validators. */
final class AgentApiDocument {
  static final Path FILE = locate();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          b -> b.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private static JsonNode tree;

  private AgentApiDocument() {}

  static synchronized JsonNode tree() {
    if (tree == null) {
      try {
        tree = new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tree;
  }

  /** The schema at a JSON pointer of the document, e.g. {@code /components/schemas/Session}. */
  static JsonSchema schemaAt(String pointer) {
    return SCHEMAS.computeIfAbsent(pointer, p -> FACTORY.getSchema(SchemaLocation.of(FILE.toUri() + "#" + p)));
  }

  private static final java.util.Map<String, JsonSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

  /** Validation messages of {@code json} against the response schema of a path and status. */
  static Set<String> checkResponse(String path, int status, JsonNode json) {
    String pointer = "/paths/" + escape(path) + "/post/responses/" + status;
    JsonNode response = tree().at(pointer);
    if (response.isMissingNode()) {
      return Set.of("status " + status + " of " + path + " is not documented");
    }
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText().substring(1);
    }
    return messages(schemaAt(pointer + "/content/application~1json/schema").validate(json));
  }

  /** Validation messages of {@code json} against the request schema of a path. */
  static Set<String> checkRequest(String path, JsonNode json) {
    return messages(schemaAt("/paths/" + escape(path) + "/post/requestBody/content/application~1json/schema")
        .validate(json));
  }

  static String escape(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }

  private static Set<String> messages(Set<ValidationMessage> msgs) {
    return msgs.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }

  private static Path locate() {
    for (Path p : new Path[] {Path.of("../docs/agent-api.yaml"), Path.of("docs/agent-api.yaml")}) {
      if (Files.exists(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("docs/agent-api.yaml not found from " + Path.of("").toAbsolutePath());
  }
}
