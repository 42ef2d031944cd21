package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.github.GitHubApp;
import dev.hangar.gateway.github.GitHubScope;
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
    ReconcileConfig r = c.reconcile();
    assertEquals(Duration.ofSeconds(60), r.interval());
    assertEquals(Duration.ofMinutes(5), r.staleQueuedAfter());
    assertEquals(Duration.ofDays(3), r.redeliveryWindow());
    assertEquals(2, r.maxRetries());
    assertEquals(20, r.maxRedeliveriesPerCycle());
    assertEquals(20, r.maxJobChecksPerCycle());
    GitHubConfig g = c.github();
    assertEquals(Duration.ofSeconds(10), g.requestTimeout());
    assertEquals(3, g.maxRetries());
    assertEquals(Duration.ofMillis(500), g.backoffBase());
    assertEquals(Duration.ofSeconds(30), g.backoffMax());
    assertEquals(Duration.ofMinutes(2), g.maxRateLimitWait());
    assertEquals(Duration.ofMinutes(5), g.tokenRefreshBefore());
    assertEquals(Duration.ofHours(1), g.releaseCacheTtl());
    assertEquals(g, GitHubConfig.defaults(), "one source for each default");
  }

  @Test
  void bindsEveryKey() {
    HangarConfig c = parse("""
        github:
          apiUrl: https://ghe.example.com/api/v3/
          appId: 42
          privateKeySecretId: ${APP_KEY_SECRET}
          owner: acme/widgets
          runnerGroup: hangar
          requestTimeout: 4s
          maxRetries: 5
          backoffBase: 1s
          backoffMax: 20s
          maxRateLimitWait: 1m
          tokenRefreshBefore: 10m
          releaseCacheTtl: 2h
        reconcile:
          interval: 30s
          staleQueuedAfter: 2m
          maxRetries: 1
          redeliveryWindow: 1d
          maxRedeliveriesPerCycle: 5
          maxJobChecksPerCycle: 7
        """);
    ReconcileConfig r = c.reconcile();
    assertEquals(Duration.ofSeconds(30), r.interval());
    assertEquals(Duration.ofMinutes(2), r.staleQueuedAfter());
    assertEquals(Duration.ofDays(1), r.redeliveryWindow());
    assertEquals(1, r.maxRetries());
    assertEquals(5, r.maxRedeliveriesPerCycle());
    assertEquals(7, r.maxJobChecksPerCycle());
    GitHubConfig g = c.github();
    assertEquals("https://ghe.example.com/api/v3", g.apiUrl());
    assertEquals(42, g.appId());
    assertEquals("hangar/app-key", g.privateKeySecretId());
    GitHubScope scope = GitHubScope.parse(g.owner());
    assertTrue(scope.isRepository());
    assertEquals("/repos/acme/widgets/actions", scope.actionsPath());
    assertEquals(Duration.ofSeconds(4), g.requestTimeout());
    assertEquals(5, g.maxRetries());
    assertEquals(Duration.ofSeconds(1), g.backoffBase());
    assertEquals(Duration.ofSeconds(20), g.backoffMax());
    assertEquals(Duration.ofMinutes(1), g.maxRateLimitWait());
    assertEquals(Duration.ofMinutes(10), g.tokenRefreshBefore());
    assertEquals(Duration.ofHours(2), g.releaseCacheTtl());
    assertTrue(GitHubApp.configured(c.github()));
  }

  @Test
  void badValuesNameTheirKey() {
    String e1 = assertThrows(ConfigException.class, () -> parse("reconcile: {staleQueuedAfter: soon}\n")).getMessage();
    assertEquals("config: reconcile.staleQueuedAfter: must be a duration like 90s, 10m, 2h, 3d or PT10M", e1);
    String e2 = assertThrows(ConfigException.class, () -> parse("reconcile: {maxRetries: -1}\n")).getMessage();
    assertTrue(e2.contains("reconcile"), e2);
    String e3 = assertThrows(ConfigException.class, () -> parse("github: {requestTimeout: 0s}\n")).getMessage();
    assertTrue(e3.contains("github") && e3.contains("requestTimeout"), e3);
    String e4 = assertThrows(ConfigException.class, () -> parse("reconcile: {intervall: 5s}\n")).getMessage();
    assertTrue(e4.contains("intervall"), e4);
  }

  @Test
  void theReconcilerBootTimeoutIsRefusedNamingThePerPoolKey() {
    for (String value : new String[] {"10m", "${APP_KEY_SECRET}", "''"}) {
      String e = assertThrows(ConfigException.class, () -> parse("reconcile: {interval: 30s, bootTimeout: " + value + "}\n"))
          .getMessage();
      assertEquals("config: reconcile.bootTimeout: removed; each pool's pools[].scaling.bootTimeoutSeconds applies", e);
      assertFalse(e.contains("hangar/app-key"), e);
    }
  }
}
