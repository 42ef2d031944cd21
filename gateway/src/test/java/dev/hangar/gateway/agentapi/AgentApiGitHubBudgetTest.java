package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.InMemoryFleet;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.github.WebClientGitHub;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.GitHubMetrics;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.ManualClock;
import dev.hangar.gateway.testing.TestAppKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub API budget of the agent API: 1,000 runners go through register, job-started and retire
 * against the GitHub adapter and the OpenAPI-validated GitHub test server, and the GitHub calls
 * are counted per operation. Prints the figures; asserts at most 2 calls per job once warm.
 */
@ExtendWith(VertxExtension.class)
class AgentApiGitHubBudgetTest {
  static final int JOBS = 1000;

  @TempDir Path tmp;

  /** One agent's life: register, run one job, retire. */
  private static void runOneJob(AgentApiHarness h, String id) throws Exception {
    var reg = h.register(id);
    assertEquals(200, reg.status(), reg.raw().body());
    String token = reg.body().getString("sessionToken");
    assertEquals(200, h.post("/events", new JsonObject().put("type", "job-started")
        .put("repository", "octo-org/app").put("workflow", "CI").put("jobName", "build"), token).status());
    assertEquals(200, h.post("/retire", new JsonObject().put("reason", "job completed"), token).status());
  }

  @Test
  void registerRunRetireCostsTwoGitHubCallsPerJob(Vertx vertx) throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    GitHubTestServer server = GitHubTestServer.start(vertx, 31337, TestAppKeys.pair().getPublic(), clock, "")
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    var settings = GitHubConfig.of(server.apiUrl(), 31337, "octo-org", null)
        .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1));
    var github = WebClientGitHub.create(
        vertx, settings, TestAppKeys.pair().getPrivate(), GitHubMetrics.NOOP, clock, clock.delays());
    InMemoryFleet fleet = new InMemoryFleet();
    for (int i = 0; i < JOBS; i++) {
      fleet.add(WARM_ASG, String.format("i-%017x", 0x1000 + i), "InService");
    }
    // A thousand agents at once, beyond the fleet's default burst: the budget is measured here,
    // not the rate limit.
    var config = new AgentApiConfig(null, AgentApiHarness.ACCOUNT, Duration.ofHours(1), null, null, null, null, null, null,
        new AgentApiConfig.RateLimits(null, new AgentApiConfig.RateLimit(JOBS, JOBS)));
    try (var h = new AgentApiHarness(vertx, tmp, config, fleet, new MemoryLedger(), github,
        AgentApiHarness.REGION, null)) {
      h.checkAnswers = false;
      ExecutorService agents = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
          String id = String.format("i-%017x", 0x1000 + i);
          done.add(agents.submit(() -> {
            runOneJob(h, id);
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        agents.shutdownNow();
      }
      Map<String, Long> byOperation = new TreeMap<>();
      server.requests().forEach(r -> byOperation.merge(r.operationId(), 1L, Long::sum));
      long total = byOperation.values().stream().mapToLong(Long::longValue).sum();
      long perJob = byOperation.getOrDefault("actions/generate-runner-jitconfig-for-org", 0L)
          + byOperation.getOrDefault("actions/delete-self-hosted-runner-from-org", 0L);
      System.out.printf("agent API GitHub budget: %d jobs, %d GitHub requests (%.3f per job); by operation %s%n",
          JOBS, total, (double) total / JOBS, byOperation);
      assertEquals(2L * JOBS, perJob, "one generate-jitconfig and one delete per job");
      assertTrue(total - perJob <= 5, "fixed cost (app installation, token, latest release): " + (total - perJob));
      assertEquals(List.of(), server.violations());
      assertEquals(0, server.runners().size(), "no runner left behind");
    } finally {
      server.close();
    }
  }
}
