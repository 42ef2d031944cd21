package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.AgentApiConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The required runner version: pinned, or the latest release looked up once per hour. */
class RunnerVersionsTest {
  final AgentApiHarness.SettableClock clock = new AgentApiHarness.SettableClock(Instant.parse("2026-11-27T10:00:00Z"));

  @Test
  void latestReleaseIsLookedUpOnceForConcurrentCallersAndCached() {
    AtomicInteger lookups = new AtomicInteger();
    Promise<String> answer = Promise.promise();
    var github = new FakeGitHub() {
      @Override
      public Future<String> latestRunnerVersion() {
        lookups.incrementAndGet();
        return lookups.get() == 1 ? answer.future() : Future.succeededFuture("v2.322.0");
      }
    };
    var versions = new RunnerVersions(github, AgentApiConfig.defaults(), clock);
    var a = versions.required();
    var b = versions.required();
    answer.complete("v2.321.0");
    assertEquals("2.321.0", a.result());
    assertEquals("2.321.0", b.result());
    assertEquals("2.321.0", versions.required().result());
    assertEquals(1, lookups.get());
    clock.advance(Duration.ofMinutes(61));
    assertEquals("2.322.0", versions.required().result());
    assertEquals(2, lookups.get());
  }

  @Test
  void aFailedLookupKeepsTheLastKnownReleaseAndIsRetried() {
    AtomicInteger lookups = new AtomicInteger();
    var github = new FakeGitHub() {
      @Override
      public Future<String> latestRunnerVersion() {
        return lookups.incrementAndGet() == 1
            ? Future.succeededFuture("2.321.0") : Future.failedFuture(new IllegalStateException("503"));
      }
    };
    var versions = new RunnerVersions(github, AgentApiConfig.defaults(), clock);
    assertEquals("2.321.0", versions.required().result());
    clock.advance(Duration.ofHours(2));
    assertEquals("2.321.0", versions.required().result());
    assertEquals("2.321.0", versions.required().result());
    assertEquals(3, lookups.get(), "each call after expiry retries the lookup");
    var cold = new RunnerVersions(github, AgentApiConfig.defaults(), clock);
    assertTrue(cold.required().failed());
  }

  @Test
  void lagCountsDaysSinceANewerReleaseWasFirstSeen() {
    var github = new FakeGitHub();
    var versions = new RunnerVersions(github, AgentApiConfig.defaults(), clock);
    github.latest = "2.321.0";
    versions.required();
    assertEquals(0, versions.lagDays("2.321.0"));
    assertEquals(0, versions.lagDays("2.400.0"));
    clock.advance(Duration.ofDays(3));
    assertEquals(3.0, versions.lagDays("2.320.0"), 1e-9);
    github.latest = "2.322.0";
    clock.advance(Duration.ofHours(2));
    versions.required();
    clock.advance(Duration.ofDays(1));
    assertEquals(1.0, versions.lagDays("2.321.0"), 1e-9, "2.321.0 is behind since 2.322.0 appeared");
    assertEquals(4.0 + 2 / 24.0, versions.lagDays("2.320.0"), 1e-9, "2.320.0 is behind since 2.321.0");
    assertEquals(0, versions.lagDays("not-a-version"));
  }

  @Test
  void pinnedVersionNeedsNoGitHubAndCarriesItsChecksum() {
    var github = new FakeGitHub();
    var config = new AgentApiConfig(null, null, null, null, "2.320.1",
        new AgentApiConfig.RunnerDownload("https://m.example/r-{version}.tgz", "cd".repeat(32)), null, null, null);
    var versions = new RunnerVersions(github, config, clock);
    assertEquals("2.320.1", versions.required().result());
    assertEquals(new RunnerVersions.Download("https://m.example/r-2.320.1.tgz", "cd".repeat(32)),
        versions.downloadFor("2.320.1"));
    assertNull(versions.downloadFor("2.321.0").sha256(), "a checksum only belongs to the pinned version");
    assertTrue(github.calls.isEmpty());
    assertNull(new RunnerVersions(github, AgentApiConfig.defaults(), clock).downloadFor("2.320.1"));
  }
}
