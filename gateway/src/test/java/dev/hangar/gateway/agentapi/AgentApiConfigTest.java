package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code agentApi} configuration section: defaults and the one-line errors it gives. */
class AgentApiConfigTest {

  @Test
  void defaults() {
    var c = AgentApiConfig.defaults();
    assertEquals(List.of(), c.identityCertificates());
    assertEquals(Duration.ofHours(1), c.sessionTtlDuration());
    assertEquals("hangar-launch", c.launchHook());
    assertEquals("hangar-termination", c.terminationHook());
    assertEquals(16 * 1024, c.bodyLimitBytes());
  }

  @Test
  void sessionTtlAcceptsIsoAndShortForms() {
    assertEquals(Duration.ofMinutes(30), ttl("PT30M").sessionTtlDuration());
    assertEquals(Duration.ofHours(2), ttl("2h").sessionTtlDuration());
    assertEquals(Duration.ofMinutes(45), ttl("45m").sessionTtlDuration());
    assertEquals(Duration.ofSeconds(90), ttl("90s").sessionTtlDuration());
    var e = assertThrows(IllegalArgumentException.class, () -> ttl("forever"));
    assertEquals("sessionTtl: must be a duration like 90s, 10m, 2h, 3d or PT10M", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ttl("13h"));
    assertThrows(IllegalArgumentException.class, () -> ttl("10s"));
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
    return new AgentApiConfig(null, null, ttl, null, null, null, null, null, null);
  }
}
