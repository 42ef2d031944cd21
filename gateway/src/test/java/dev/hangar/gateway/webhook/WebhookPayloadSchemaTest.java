package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.hangar.gateway.testing.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import dev.hangar.gateway.testing.GitHubDescriptions;
import org.junit.jupiter.api.Test;

/**
 * The sample deliveries the tests (and the demo, in {@code examples/webhooks/}) send are real
 * {@code workflow_job} payloads: they validate against GitHub's published schema.
 */
class WebhookPayloadSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonSchema schema() throws IOException {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(GitHubDescriptions.read("workflow_job.schema.json")), config);
  }

  private static List<Path> samples(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everySamplePayloadValidates() throws IOException {
    JsonSchema schema = schema();
    List<Path> files = Stream.concat(
        samples(Path.of("src/test/resources/webhooks")).stream(),
        samples(Path.of("../examples/webhooks")).stream()).toList();
    assertTrue(files.size() >= 10, "samples found: " + files);
    for (Path f : files) {
      Set<ValidationMessage> errors = schema.validate(JSON.readTree(f.toFile()));
      assertEquals(Set.of(), errors, f.toString());
      WorkflowJobParser.parse(Files.readAllBytes(f));
    }
  }

  @Test
  void theSchemaIsStrictEnoughToCatchAWrongShape() throws IOException {
    JsonSchema schema = schema();
    byte[] wrong = Webhooks.payload(Webhooks.QUEUED, r -> r.remove("workflow_job"));
    assertFalse(schema.validate(JSON.readTree(wrong)).isEmpty());
  }
}
