package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.testing.InMemoryFleet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.config.ReconcileConfig;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.github.WebClientGitHub;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.observability.ReconcileMetrics;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.ManualClock;
import dev.hangar.gateway.testing.TestAppKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GitHub API budget: drives 1,000 jobs through register (generate-jitconfig), run and retire
 * (delete runner) in waves of 50 concurrent runners, with reconcile cycles while runners are
 * busy and between waves, and counts the GitHub calls by endpoint. Prints calls per job and per
 * reconcile cycle. Goal: at most 3 calls per job, and a reconcile cost that does not grow with
 * the number of jobs.
 */
class GitHubBudgetTest {
  static final int JOBS = 1000;
  static final int WAVE = 50;
  static final List<String> LABELS = List.of("self-hosted", "linux");

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void jobsCostAtMostThreeCallsAndReconcileCostIsIndependentOfJobCount() throws Exception {
    Vertx vertx = Vertx.vertx();
    ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    GitHubTestServer server =
        await(GitHubTestServer.start(vertx, 7, TestAppKeys.pair().getPublic(), clock, ""));
    try {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      GitHub github = WebClientGitHub.create(vertx, GitHubConfig.of(server.apiUrl(), 7, "octo-org", null),
          TestAppKeys.pair().getPrivate(), new MicrometerRecorders(meters).github(), clock, clock.delays());
      InMemoryFleet fleet = new InMemoryFleet().group("linux-od", 0, 10_000);
      MemoryLedger ledger = new MemoryLedger();
      Pool pool = new Pool("linux", LABELS, 100, 0, List.of(new Tier("linux-od", TierKind.WARM)));
      Reconciler reconciler = new Reconciler(vertx, List.of(pool), fleet, ledger, github,
          ReconcileMetrics.NOOP, ReconcileConfig.defaults(), clock);

      Map<String, Long> jobCalls = new TreeMap<>();
      Map<String, Long> cycleCalls = new TreeMap<>();
      List<Long> perCycle = new ArrayList<>();
      int cycles = 0;
      long deliveryIds = 0;
      for (int wave = 0; wave < JOBS / WAVE; wave++) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < WAVE; k++) {
          int n = wave * WAVE + k;
          String id = String.format("i-%017x", 0x1000L + n);
          ids.add(id);
          fleet.add("linux-od", id, "InService", true, clock.instant());
          await(ledger.apply("linux", event(n, JobStatus.QUEUED, null, clock.instant())));
          for (String action : List.of("queued", "in_progress", "completed")) {
            // Every delivery reached the gateway, except one in a hundred queued ones.
            int code = action.equals("queued") && n % 100 == 7 ? 503 : 200;
            server.addDelivery("guid-" + n + "-" + action, clock.instant(), false, code, "workflow_job",
                action, new JsonObject());
            deliveryIds++;
          }
        }
        // Register: what the agent API calls per instance.
        server.clearRequests();
        List<Future<GitHub.JitConfig>> jits = new ArrayList<>();
        for (String id : ids) {
          jits.add(github.latestRunnerVersion()
              .compose(v -> github.generateJitConfig(id, LABELS, 1, "_work")));
        }
        List<Long> runnerIds = new ArrayList<>();
        for (Future<GitHub.JitConfig> j : jits) {
          runnerIds.add(await(j).runnerId());
        }
        // Run: each runner connects and takes its job.
        for (String id : ids) {
          GitHubTestServer.StoredRunner r = server.runner(id);
          r.status = "online";
          r.busy = true;
        }
        add(jobCalls, server);
        clock.advance(Duration.ofMinutes(1));
        cycles += cycle(reconciler, server, cycleCalls, perCycle);
        // Complete: GitHub removes an ephemeral runner after its one job.
        for (int k = 0; k < WAVE; k++) {
          int n = wave * WAVE + k;
          await(ledger.apply("linux", event(n, JobStatus.COMPLETED, ids.get(k), clock.instant())));
        }
        ids.forEach(id -> removeRunner(server, id));
        // Retire: what the agent API does when the agent asks to retire.
        server.clearRequests();
        for (int k = 0; k < WAVE; k++) {
          await(github.deleteRunner(runnerIds.get(k)));
          await(fleet.terminateInstance(ids.get(k), true));
        }
        add(jobCalls, server);
        clock.advance(Duration.ofMinutes(1));
        cycles += cycle(reconciler, server, cycleCalls, perCycle);
        clock.advance(Duration.ofMinutes(1));
        cycles += cycle(reconciler, server, cycleCalls, perCycle); // quiet: nothing changed
      }
      long perJobTotal = jobCalls.values().stream().mapToLong(Long::longValue).sum();
      long cycleTotal = cycleCalls.values().stream().mapToLong(Long::longValue).sum();
      System.out.println("GitHub API budget: " + JOBS + " jobs, " + cycles + " reconcile cycles, "
          + deliveryIds + " webhook deliveries");
      System.out.println("  job path calls by endpoint: " + jobCalls);
      System.out.printf("  calls per job: %.3f%n", perJobTotal / (double) JOBS);
      System.out.println("  reconcile calls by endpoint: " + cycleCalls);
      System.out.printf("  calls per reconcile cycle: %.2f (max %d)%n", cycleTotal / (double) cycles,
          perCycle.stream().mapToLong(Long::longValue).max().orElse(0));
      var notModified = meters.find("hangar.github.requests").tag("endpoint", "list-runners").tag("status", "304").timer();
      System.out.println("  list-runners answered 304 (no rate limit used): "
          + (notModified == null ? 0 : notModified.count()) + " of " + cycleCalls.get("actions/list-self-hosted-runners-for-org"));
      int half = perCycle.size() / 2;
      double early = perCycle.subList(0, half).stream().mapToLong(Long::longValue).average().orElse(0);
      double late = perCycle.subList(half, perCycle.size()).stream().mapToLong(Long::longValue).average().orElse(0);
      System.out.printf("  cycle cost first half %.2f, second half %.2f%n", early, late);

      assertTrue(perJobTotal / (double) JOBS <= 3.0, "calls per job " + perJobTotal / (double) JOBS);
      assertTrue(late <= early + 0.5, "reconcile cost must not grow with jobs: " + early + " -> " + late);
      assertTrue(perCycle.stream().mapToLong(Long::longValue).max().orElse(0) <= 6);
      assertEquals(JOBS / 100, cycleCalls.get("apps/redeliver-webhook-delivery").intValue(),
          "each failed delivery redelivered exactly once");
      assertEquals(List.of(), server.violations());
      assertEquals(0, fleet.live());
    } finally {
      server.close();
      await(vertx.close());
    }
  }

  private static void removeRunner(GitHubTestServer server, String name) {
    GitHubTestServer.StoredRunner r = server.runner(name);
    if (r != null) {
      server.forgetRunner(r.id);
    }
  }

  private static int cycle(Reconciler r, GitHubTestServer server, Map<String, Long> calls,
      List<Long> perCycle) throws Exception {
    server.clearRequests();
    await(r.runOnce());
    add(calls, server);
    perCycle.add((long) server.requests().size());
    return 1;
  }

  private static void add(Map<String, Long> calls, GitHubTestServer server) {
    server.requests().forEach(q -> calls.merge(q.operationId(), 1L, Long::sum));
  }

  private static JobEvent event(long n, JobStatus status, String runner, Instant at) {
    return new JobEvent(n, n, 1, status, LABELS, "octo-org/app", "octo-org", "CI", "build", runner,
        status == JobStatus.COMPLETED ? "success" : null, at, null, status == JobStatus.COMPLETED ? at : null);
  }
}
