package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hangar.gateway.config.AgentApiConfig.RateLimit;
import dev.hangar.gateway.config.AgentApiConfig.RateLimits;
import dev.hangar.gateway.config.AgentApiConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemathesis (installed by {@code test-peers/install.sh}) generates requests from {@code
 * docs/agent-api.yaml}, valid and invalid, against the running agent API with a real session
 * token: no answer may be a 5xx, and every answer must match its documented status, schema,
 * content type and headers. Bounded to finish in well under two minutes on two cores.
 */
@ExtendWith(VertxExtension.class)
class SchemathesisAgentApiTest {
  static final String INSTANCE = "i-0bbbbbbbbbbbbbbb2";
  static final int MAX_EXAMPLES = 100;
  static final long TIMEOUT_SECONDS = 150;

  @TempDir Path tmp;

  @Test
  void generatedRequestsGetDocumentedAnswersAndNoServerError(Vertx vertx) throws Exception {
    Path st = schemathesis();
    // Every launch and termination hook is pending, as for an instance in Pending:Wait: an
    // AWS validation error is not what this run is about.
    InMemoryFleet fleet = new InMemoryFleet();
    fleet.add(WARM_ASG, INSTANCE, "InService");
    fleet.alwaysPending(INSTANCE);
    FakeGitHub github = new FakeGitHub();
    // Generous limits so generated calls reach the handlers; 429s are tested elsewhere.
    RateLimits limits = new RateLimits(new RateLimit(100_000, 100_000), new RateLimit(100_000, 100_000));
    try (var h = new AgentApiHarness(vertx, tmp,
        new AgentApiConfig(null, AgentApiHarness.ACCOUNT, Duration.ofHours(1), null, null, null, null, null, null, limits),
        fleet, new RecordingLedger(), github)) {
      String token = h.register(INSTANCE).body().getString("sessionToken");
      // A busy runner: retire answers 409 and the instance (and its token) stays usable.
      github.setBusy(INSTANCE, true);
      h.answered.clear();

      List<String> command = List.of(st.toString(), "run", AgentApiDocument.FILE.toString(),
          "--url", "http://127.0.0.1:" + h.port(),
          "--header", "Authorization: Bearer " + token,
          "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
              + "response_schema_conformance,response_headers_conformance",
          "--phases", "examples,coverage,fuzzing",
          "--max-examples", Integer.toString(MAX_EXAMPLES),
          "--generation-deterministic",
          "--workers", "1",
          "--request-timeout", "10",
          "--no-color");
      Path out = tmp.resolve("schemathesis.out");
      Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("schemathesis did not finish within " + TIMEOUT_SECONDS + " s");
      }
      // The token is a secret: never printed with the output.
      String output = Files.readString(out, StandardCharsets.UTF_8).replace(token, "<session token>");
      int serverErrors = h.answered.entrySet().stream().filter(e -> e.getKey() >= 500)
          .mapToInt(java.util.Map.Entry::getValue).sum();
      int answers = h.answered.values().stream().mapToInt(Integer::intValue).sum();
      System.out.println(output);
      System.out.println("schemathesis: " + generated(output) + " test cases, " + answers
          + " answers by status " + h.answered + ", 5xx: " + serverErrors);
      assertEquals(0, p.exitValue(), "schemathesis found problems:\n" + output);
      assertEquals(0, serverErrors, "5xx answers " + h.answered);
      assertTrue(answers >= 100, "schemathesis exercised the API: " + h.answered);
      assertTrue(h.answered.getOrDefault(200, 0) > 0 && h.answered.getOrDefault(400, 0) > 0,
          "valid and invalid requests reached the handlers: " + h.answered);
    }
  }

  private static String generated(String output) {
    Matcher m = Pattern.compile("(\\d+) generated").matcher(output);
    return m.find() ? m.group(1) : "?";
  }

  /** The CLI: {@code HANGAR_SCHEMATHESIS}, else the venv install.sh makes under HANGAR_TOOLS_DIR. */
  private static Path schemathesis() throws IOException {
    List<Path> candidates = new ArrayList<>();
    String explicit = System.getenv("HANGAR_SCHEMATHESIS");
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(Path.of(explicit));
    }
    String tools = System.getenv().getOrDefault("HANGAR_TOOLS_DIR", "/opt/hangar-tools");
    candidates.add(Path.of(tools, "schemathesis", "bin", "st"));
    for (Path c : candidates) {
      if (Files.isExecutable(c)) {
        return c;
      }
    }
    String missing = "schemathesis not found at " + candidates
        + ": run test-peers/install.sh (or set HANGAR_SCHEMATHESIS to the st binary)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing);
    }
    Assumptions.abort(missing);
    return null;
  }
}
