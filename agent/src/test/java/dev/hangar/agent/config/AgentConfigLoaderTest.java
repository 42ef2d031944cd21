package dev.hangar.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent.properties plus HANGAR_AGENT_* overrides; every problem is one line naming the key. */
class AgentConfigLoaderTest {
  @TempDir Path tmp;

  private Path file(String text) throws Exception {
    Path f = tmp.resolve("agent.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void defaultsApplyAndTheEnvironmentOverridesTheFile() throws Exception {
    Path f = file("gateway.url=https://hangar.internal/\nspot.pollInterval=2s\n");
    AgentConfig c = AgentConfigLoader.load(f, Map.of("HANGAR_AGENT_SPOT_POLL_INTERVAL", "250ms"));
    assertEquals(URI.create("https://hangar.internal"), c.gatewayUrl());
    assertEquals(URI.create("http://169.254.169.254"), c.imdsUrl());
    assertEquals(Duration.ofMillis(250), c.spotPollInterval());
    assertEquals(Duration.ofSeconds(5), c.lifecyclePollInterval());
    assertEquals(Duration.ofSeconds(30), c.heartbeatInterval());
    assertEquals(Duration.ofHours(6), c.imdsTokenTtl());
    assertEquals("runner", c.runnerUser());
    assertEquals(Path.of("/opt/actions-runner"), c.runnerDir());
    assertEquals("shutdown -h now", c.shutdownCommand());
    assertEquals(Optional.empty(), c.warmupScript());
  }

  @Test
  void environmentAloneIsEnough() {
    AgentConfig c = AgentConfigLoader.load(tmp.resolve("missing.properties"),
        Map.of("HANGAR_AGENT_GATEWAY_URL", "http://10.0.0.5:8080", "HANGAR_AGENT_WARMUP_SCRIPT", "/opt/warm.sh"));
    assertEquals(Optional.of(Path.of("/opt/warm.sh")), c.warmupScript());
  }

  @Test
  void problemsAreOneLineAndNameTheKey() throws Exception {
    assertProblem(file("gateway.url=http://g\nspot.polInterval=5s\n"), Map.of(), "unknown key 'spot.polInterval'");
    assertProblem(file("gateway.url=http://g\nheartbeat.interval=30\n"), Map.of(),
        "'heartbeat.interval' must be a duration like 250ms, 5s, 2m or 1h, got '30'");
    assertProblem(file("spot.pollInterval=5s\n"), Map.of(), "missing required key 'gateway.url' (or HANGAR_AGENT_GATEWAY_URL)");
    assertProblem(file("gateway.url=ftp://g\n"), Map.of(), "'gateway.url' must be an http(s) URL");
    assertProblem(file("gateway.url=http://g\nimds.tokenTtl=7h\n"), Map.of(), "between 1s and 6h");
    assertProblem(file("gateway.url=http://g\n"), Map.of("HANGAR_AGENT_GATEWAY_ULR", "x"),
        "unknown environment variable HANGAR_AGENT_GATEWAY_ULR");
    assertProblem(file("gateway.url=http://g\nrunner.switchUserCommand=sudo -u runner\n"), Map.of(), "{user}");
  }

  private static void assertProblem(Path f, Map<String, String> env, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentConfigLoader.load(f, env));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }
}
