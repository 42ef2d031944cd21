package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code agentApi} configuration section: defaults and the one-line errors it gives. */
class AgentApiConfigTest {

  @Test
  void defaults() {
    var c = AgentApiConfig.defaults();
    assertEquals(List.of(), c.identityCertificates());
    assertEquals(Duration.ofHours(1), c.sessionTtl());
    assertEquals("hangar-launch", c.launchHook());
    assertEquals("hangar-termination", c.terminationHook());
    assertEquals(16 * 1024, c.bodyLimitBytes());
  }

  @Test
  void sessionTtlAcceptsIsoAndShortForms() {
    assertEquals(Duration.ofMinutes(30), ttl("PT30M").sessionTtl());
    assertEquals(Duration.ofHours(2), ttl("2h").sessionTtl());
    assertEquals(Duration.ofMinutes(45), ttl("45m").sessionTtl());
    assertEquals(Duration.ofSeconds(90), ttl("90s").sessionTtl());
    var e = assertThrows(ConfigException.class, () -> ttl("forever"));
    assertEquals("config: agentApi.sessionTtl: must be a duration like 90s, 10m, 2h, 3d or PT10M", e.getMessage());
    assertEquals("config: agentApi.sessionTtl: must be between 1m and 12h",
        assertThrows(ConfigException.class, () -> ttl("13h")).getMessage());
    assertThrows(ConfigException.class, () -> ttl("10s"));
  }

  @Test
  void sessionTtlOutsideItsRangeIsRefused() {
    assertEquals("sessionTtl: must be between 1m and 12h", assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, null, Duration.ofHours(13), null, null, null, null, null, null)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, null, Duration.ofSeconds(10), null, null, null, null, null, null));
  }

  @Test
  void downloadNeedsAUrl() {
    var e = assertThrows(IllegalArgumentException.class, () -> new AgentApiConfig(
        null, null, null, null, null, new AgentApiConfig.RunnerDownload(" ", null), null, null, null));
    assertEquals("runnerDownload.url: required", e.getMessage());
  }

  @Test
  void malformedValuesAreNamedWithoutEchoingSecrets() {
    assertEquals("runnerVersion: must look like 2.321.0", assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, null, null, null, "latest", null, null, null, null)).getMessage());
    assertEquals("accountId: must be a 12-digit AWS account id", assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, "12", null, null, null, null, null, null, null)).getMessage());
    assertEquals("sessionKey: must decode to at least 32 bytes", assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, null, null, "c2hvcnQ=", null, null, null, null, null)).getMessage());
    assertEquals("runnerDownload.sha256: must be 64 lowercase hex digits", assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, null, null, null, null,
            new AgentApiConfig.RunnerDownload("https://m.example/r.tgz", "xyz"), null, null, null)).getMessage());
    assertEquals("bodyLimitBytes: must be at least 1024", assertThrows(IllegalArgumentException.class,
        () -> new AgentApiConfig(null, null, null, null, null, null, null, null, 10)).getMessage());
  }

  private static AgentApiConfig ttl(String ttl) {
    return ConfigLoader.parse("queue: {embedded: true}\nagentApi: {sessionTtl: " + ttl + "}\n", Map.of(), false)
        .agentApi();
  }
}
