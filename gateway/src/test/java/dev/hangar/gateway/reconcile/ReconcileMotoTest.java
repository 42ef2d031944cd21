package dev.hangar.gateway.reconcile;

import static dev.hangar.gateway.reconcile.ReconcileHarness.ASG;
import static dev.hangar.gateway.reconcile.ReconcileHarness.await;
import static dev.hangar.gateway.reconcile.ReconcileHarness.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.testing.VertxPerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runner and job reconciliation against moto's Auto Scaling and the GitHub test server. */
class ReconcileMotoTest extends VertxPerClass {
  private static final List<String> LABELS = List.of("self-hosted", "linux");
  private ReconcileHarness h;

  @BeforeEach
  void harness() {
    h = new ReconcileHarness(vertx);
  }

  @AfterEach
  void close() {
    assertEquals(List.of(), h.server.violations());
    h.close();
  }

  private Set<String> inService() {
    return await(h.fleet.describe(ASG)).instances().stream()
        .filter(i -> i.lifecycle().inService())
        .map(Fleet.InstanceInfo::instanceId)
        .collect(Collectors.toSet());
  }

  @Test
  void orphanRunnerIsDeletedButOthersRunnersAndBusyOnesStay() {
    List<String> ids = h.launch(1);
    h.server.addRunner(ids.get(0), "online", false, LABELS);
    h.server.addRunner("i-0123456789abcdef0", "offline", false, LABELS);
    h.server.addRunner("i-0123456789abcdef1", "online", true, LABELS);
    h.server.addRunner("build-box-7", "offline", false, LABELS);
    await(h.reconciler().runOnce());
    assertEquals(Set.of(ids.get(0), "i-0123456789abcdef1", "build-box-7"), h.server.runnerNames());
    assertEquals(1.0, h.counter("hangar.reconcile.actions", "pool", "linux", "action", "orphan_runner_deleted"));
    assertEquals(1, h.server.count("actions/delete-self-hosted-runner-from-org"), "the busy orphan is not even tried");
  }

  @Test
  void instanceThatNeverRegisteredIsTerminatedAndDesiredLowered() {
    List<String> ids = h.launch(2);
    String registered = ids.get(0);
    String silent = ids.get(1);
    h.server.addRunner(registered, "online", false, LABELS);
    Reconciler r = h.reconciler();
    await(r.runOnce());
    h.advance(Duration.ofMinutes(5));
    await(r.runOnce());
    assertEquals(Set.of(registered, silent), inService(), "within the boot timeout nothing happens");
    h.advance(Duration.ofMinutes(6));
    await(r.runOnce());
    Fleet.GroupState g = await(h.fleet.describe(ASG));
    assertEquals(1, g.desiredCapacity());
    assertEquals(Set.of(registered), inService());
    assertEquals(1.0, h.counter("hangar.reconcile.actions", "action", "unregistered_instance_retired"));
  }

  @Test
  void offlineIdleRunnerIsDeletedThenItsInstanceTerminated() {
    List<String> ids = h.launch(2);
    h.server.addRunner(ids.get(0), "offline", false, LABELS);
    h.server.addRunner(ids.get(1), "online", false, LABELS);
    Reconciler r = h.reconciler();
    await(r.runOnce());
    h.advance(Duration.ofMinutes(11));
    await(r.runOnce());
    assertEquals(Set.of(ids.get(1)), h.server.runnerNames());
    assertEquals(Set.of(ids.get(1)), inService());
    assertEquals(1, await(h.fleet.describe(ASG)).desiredCapacity());
  }

  @Test
  void busyRunnersAreNeverTouched() {
    List<String> ids = h.launch(2);
    h.server.addRunner(ids.get(0), "online", true, LABELS);
    h.server.addRunner(ids.get(1), "offline", true, LABELS);
    h.server.addRunner("i-0fedcba987654321f", "offline", true, LABELS);
    Reconciler r = h.reconciler();
    for (int i = 0; i < 3; i++) {
      await(r.runOnce());
      h.advance(Duration.ofMinutes(11));
    }
    assertEquals(Set.of(ids.get(0), ids.get(1), "i-0fedcba987654321f"), h.server.runnerNames());
    assertEquals(Set.copyOf(ids), inService());
    assertEquals(2, await(h.fleet.describe(ASG)).desiredCapacity());
    assertEquals(0, h.server.count("actions/delete-self-hosted-runner-from-org"));
  }

  @Test
  void aRunnerThatTurnsBusyBetweenListAndDeleteIsLeftAlone() {
    List<String> ids = h.launch(1);
    h.server.addRunner(ids.get(0), "offline", false, LABELS);
    Reconciler r = h.reconciler();
    await(r.runOnce());
    h.advance(Duration.ofMinutes(11));
    // GitHub answers the delete with 422: the runner took a job after the list was read.
    h.server.script("actions/delete-self-hosted-runner-from-org",
        new dev.hangar.gateway.testing.GitHubTestServer.Reply(422, java.util.Map.of(),
            new io.vertx.core.json.JsonObject().put("message", "Runner is still running a job").put("documentation_url", "x")));
    await(r.runOnce());
    assertEquals(Set.of(ids.get(0)), inService());
    assertEquals(1, await(h.fleet.describe(ASG)).desiredCapacity());
  }

  @Test
  void staleQueuedJobIsCorrectedFromGitHubAndCheckedOncePerThreshold() {
    Instant created = h.clock.instant().minus(Duration.ofMinutes(8));
    await(h.ledger.apply("linux", event(1001, JobStatus.QUEUED, 1, null, null, created)));
    await(h.ledger.apply("linux", event(1002, JobStatus.QUEUED, 1, null, null, created)));
    await(h.ledger.apply("linux", event(1003, JobStatus.QUEUED, 1, null, null, created)));
    await(h.ledger.apply("linux", event(1004, JobStatus.QUEUED, 1, null, null, h.clock.instant())));
    h.server.putJob("octo-org/app", 1001, 10010, "completed", "success", LABELS, created);
    h.server.putJob("octo-org/app", 1002, 10020, "queued", null, LABELS, created);
    Reconciler r = h.reconciler();
    await(r.runOnce());
    assertEquals(JobStatus.COMPLETED, h.job(1001).status());
    assertEquals("success", h.job(1001).conclusion());
    assertEquals(JobStatus.QUEUED, h.job(1002).status(), "still queued on GitHub: unchanged");
    assertEquals(JobStatus.COMPLETED, h.job(1003).status(), "GitHub does not know it: closed");
    assertEquals(StaleJobReconciler.NOT_FOUND, h.job(1003).conclusion());
    assertEquals(JobStatus.QUEUED, h.job(1004).status(), "young job not checked");
    assertEquals(3, h.server.count("actions/get-job-for-workflow-run"));
    await(r.runOnce());
    assertEquals(3, h.server.count("actions/get-job-for-workflow-run"), "1002 not re-checked at once");
    h.advance(Duration.ofMinutes(6));
    await(r.runOnce());
    assertEquals(5, h.server.count("actions/get-job-for-workflow-run"), "1002 and now 1004");
    assertEquals(JobStatus.COMPLETED, h.job(1004).status());
    assertEquals(3.0, h.counter("hangar.reconcile.actions", "action", "job_corrected"));
  }

  @Test
  void aRunnerInAnotherReplicasListIsNotAnOrphanWhenAGroupCannotBeDescribed() {
    h.server.addRunner("i-0123456789abcdef0", "offline", false, LABELS);
    var broken = new dev.hangar.gateway.domain.Pool("gpu", List.of("self-hosted", "gpu"), 2, 0,
        List.of(new dev.hangar.gateway.domain.Tier("no-such-group", dev.hangar.gateway.domain.TierKind.SPOT)));
    Reconciler r = new Reconciler(vertx, List.of(ReconcileHarness.POOL, broken), h.fleet, h.ledger,
        h.github, h.recorders.reconcile(), ReconcileHarness.SETTINGS, h.clock);
    await(r.runOnce());
    assertTrue(h.server.runnerNames().contains("i-0123456789abcdef0"));
    assertNotNull(h.registry.find("hangar.reconcile.cycles").tag("result", "partial").counter());
    assertFalse(h.registry.find("hangar.reconcile.cycles").tag("result", "ok").counters().size() > 0);
  }
}
