package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code agentApi} section as the gateway's YAML loader binds it. */
class AgentApiConfigLoadingTest {
  static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @Test
  void bindsTheSectionWithEnvironmentSubstitution() {
    var config = ConfigLoader.parse("""
        queue:
          embedded: true
        agentApi:
          identityCertificates: [/etc/hangar/aws/eu-west-1.pem]
          accountId: "123456789012"
          sessionTtl: 30m
          sessionKey: ${HANGAR_AGENT_SESSION_KEY}
          runnerVersion: 2.321.0
          runnerDownload:
            url: https://mirror.example/actions-runner-linux-x64-{version}.tar.gz
            sha256: %s
          launchHook: warm-launch
        """.formatted("ab".repeat(32)), Map.of("HANGAR_AGENT_SESSION_KEY", KEY), false).agentApi();
    assertEquals(List.of("/etc/hangar/aws/eu-west-1.pem"), config.identityCertificates());
    assertEquals(Duration.ofMinutes(30), config.sessionTtl());
    assertEquals(KEY, config.sessionKey());
    assertEquals("warm-launch", config.launchHook());
    assertEquals("hangar-termination", config.terminationHook());
    assertEquals("ab".repeat(32), config.runnerDownload().sha256());
  }

  @Test
  void absentSectionTakesDefaults() {
    var config = ConfigLoader.parse("queue:\n  embedded: true\n", Map.of(), false).agentApi();
    assertEquals(AgentApiConfig.defaults(), config);
  }

  @Test
  void mistakesAreOneLineNamingTheKeyAndNeverTheKeyItself() {
    var unknown = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("queue:\n  embedded: true\nagentApi:\n  sessionTTL: 1h\n", Map.of(), false));
    assertEquals(1, unknown.getMessage().lines().count());
    assertTrue(unknown.getMessage().startsWith("config: agentApi.sessionTTL: unknown key"), unknown.getMessage());
    var badKey = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("queue:\n  embedded: true\nagentApi:\n  sessionKey: c2hvcnQta2V5\n", Map.of(), false));
    assertEquals("config: agentApi.sessionKey: must decode to at least 32 bytes", badKey.getMessage());
    assertFalse(badKey.getMessage().contains("c2hvcnQta2V5"));
  }
}
