package dev.hangar.gateway.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.github.GitHubApp;
import dev.hangar.gateway.github.GitHubSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code reconcile} section and the GitHub adapter's keys, as the YAML loader binds them. */
class ReconcileConfigTest {
  private static HangarConfig parse(String yaml) {
    return ConfigLoader.parse("queue: {embedded: true}\n" + yaml, Map.of("APP_KEY_SECRET", "hangar/app-key"), false);
  }

  @Test
  void defaultsWhenAbsent() {
    HangarConfig c = parse("ledger: {type: memory}\n");
    ReconcileSettings r = c.reconcile();
    assertEquals(Duration.ofSeconds(60), r.intervalDuration());
    assertEquals(Duration.ofMinutes(10), r.bootTimeoutDuration());
    assertEquals(Duration.ofMinutes(5), r.staleQueuedAfterDuration());
    assertEquals(Duration.ofDays(3), r.redeliveryWindowDuration());
    assertEquals(2, r.maxRetries());
    assertEquals(20, r.maxRedeliveriesPerCycle());
    assertEquals(20, r.maxJobChecksPerCycle());
  }

  @Test
  void bindsEveryKey() {
    HangarConfig c = parse("""
        github:
          apiUrl: https://ghe.example.com/api/v3
          appId: 42
          privateKeySecretId: ${APP_KEY_SECRET}
          owner: acme/widgets
          runnerGroup: hangar
          requestTimeout: 4s
          maxRetries: 5
        reconcile:
          interval: 30s
          bootTimeout: PT15M
          staleQueuedAfter: 2m
          maxRetries: 1
          redeliveryWindow: 1d
          maxRedeliveriesPerCycle: 5
          maxJobChecksPerCycle: 7
        """);
    ReconcileSettings r = c.reconcile();
    assertEquals(Duration.ofSeconds(30), r.intervalDuration());
    assertEquals(Duration.ofMinutes(15), r.bootTimeoutDuration());
    assertEquals(Duration.ofMinutes(2), r.staleQueuedAfterDuration());
    assertEquals(Duration.ofDays(1), r.redeliveryWindowDuration());
    assertEquals(1, r.maxRetries());
    GitHubSettings g = GitHubApp.settings(c.github());
    assertEquals("https://ghe.example.com/api/v3", g.apiUrl());
    assertEquals(42, g.appId());
    assertEquals("hangar/app-key", g.privateKeySecretId());
    assertTrue(g.scope().isRepository());
    assertEquals("/repos/acme/widgets/actions", g.scope().actionsPath());
    assertEquals(Duration.ofSeconds(4), g.requestTimeout());
    assertEquals(5, g.maxRetries());
    assertTrue(GitHubApp.configured(c.github()));
  }

  @Test
  void badValuesNameTheirKey() {
    String e1 = assertThrows(ConfigException.class, () -> parse("reconcile: {bootTimeout: soon}\n")).getMessage();
    assertTrue(e1.contains("reconcile") && e1.contains("bootTimeout"), e1);
    String e2 = assertThrows(ConfigException.class, () -> parse("reconcile: {maxRetries: -1}\n")).getMessage();
    assertTrue(e2.contains("reconcile"), e2);
    String e3 = assertThrows(ConfigException.class, () -> parse("github: {requestTimeout: 0s}\n")).getMessage();
    assertTrue(e3.contains("github") && e3.contains("requestTimeout"), e3);
    String e4 = assertThrows(ConfigException.class, () -> parse("reconcile: {intervall: 5s}\n")).getMessage();
    assertTrue(e4.contains("intervall"), e4);
  }
}
