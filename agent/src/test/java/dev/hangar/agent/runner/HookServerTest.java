package dev.hangar.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback hook endpoint: per-boot secret required, scripts carry no secret, events delivered. */
class HookServerTest {
  @TempDir Path tmp;
  private final UserSwitch me = new UserSwitch(System.getProperty("user.name"), "x {user}");

  @Test
  void hookScriptTellsTheAgentWithTheSecretFromItsFile() throws Exception {
    List<HookEvent> got = new CopyOnWriteArrayList<>();
    try (HookServer hooks = HookServer.start(tmp, me, got::add)) {
      ProcessBuilder pb = new ProcessBuilder("sh", hooks.startedScript().toString());
      pb.environment().putAll(Map.of("GITHUB_REPOSITORY", "octo-org/octo-repo", "GITHUB_WORKFLOW", "CI & more",
          "GITHUB_JOB", "build", "GITHUB_RUN_ID", "42"));
      assertEquals(0, pb.inheritIO().start().waitFor());
      assertEquals(List.of(new HookEvent("job-started", "octo-org/octo-repo", "CI & more", "build", "42")), got);
    }
  }

  @Test
  void requestsWithoutTheRightSecretAreRefusedAndChangeNothing() throws Exception {
    List<HookEvent> got = new CopyOnWriteArrayList<>();
    try (HookServer hooks = HookServer.start(tmp, me, got::add)) {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + hooks.port() + "/hooks/job-completed");
      HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("X-Hangar-Hook-Secret", "guess")
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, none.statusCode());
      assertEquals(403, wrong.statusCode());
      assertTrue(wrong.body().contains("\"error\""));
      assertTrue(got.isEmpty());
    }
  }

  @Test
  void secretIsPerBootNotPerStartAndNeverInTheScripts() throws Exception {
    String first;
    try (HookServer hooks = HookServer.start(tmp, me, e -> { })) {
      first = Files.readString(tmp.resolve("hook-secret.header"));
      String secret = first.trim().substring("X-Hangar-Hook-Secret: ".length());
      assertTrue(secret.length() >= 64);
      assertFalse(Files.readString(hooks.startedScript()).contains(secret));
      assertFalse(Files.readString(hooks.completedScript()).contains(secret));
    }
    try (HookServer again = HookServer.start(tmp, me, e -> { })) {
      assertEquals(first, Files.readString(tmp.resolve("hook-secret.header")), "same boot, same secret");
    }
  }
}
