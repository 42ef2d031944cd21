package dev.hangar.gateway.reconcile;

import static dev.hangar.gateway.reconcile.ReconcileHarness.await;
import static dev.hangar.gateway.reconcile.ReconcileHarness.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ReconcileConfig;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.ledger.InterruptionNotifyingLedger;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.testing.GitHubTestServer.Reply;
import dev.hangar.gateway.testing.GitHubTestServer.StoredDelivery;
import dev.hangar.gateway.testing.VertxPerClass;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lost webhooks recovered through redelivery, and jobs re-run after spot interruptions (the
 * GitHub side against the validated test server; the group is in memory, as these steps never
 * touch it; {@code LostWebhookGatewayTest} runs the whole path on moto).
 */
class RedeliveryAndRetryTest extends VertxPerClass {
  private ReconcileHarness h;
  /** Webhooks the gateway received through redelivery. */
  private final List<StoredDelivery> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void harness() {
    h = new ReconcileHarness(vertx, false);
    // The receiving side of a redelivery: what the webhook route does with a workflow_job
    // (normalize, match the pool, store), reduced to folding it into the ledger.
    h.server.redeliveryTarget(this::deliver);
  }

  private Future<Integer> deliver(StoredDelivery d) {
    received.add(d);
    return h.ledger.apply("linux", fromPayload(d.payload())).map(202);
  }

  @AfterEach
  void close() {
    assertEquals(List.of(), h.server.violations());
    h.close();
  }

  static JsonObject payload(long jobId, String action, Instant created) {
    return new JsonObject()
        .put("action", action)
        .put("workflow_job", new JsonObject().put("id", jobId).put("run_id", jobId * 10).put("run_attempt", 1)
            .put("status", action).put("labels", new JsonArray().add("self-hosted").add("linux"))
            .put("created_at", created.toString()).put("runner_name", (String) null))
        .put("repository", new JsonObject().put("full_name", "octo-org/app")
            .put("owner", new JsonObject().put("login", "octo-org")));
  }

  static JobEvent fromPayload(JsonObject p) {
    JsonObject j = p.getJsonObject("workflow_job");
    List<String> labels = new ArrayList<>();
    j.getJsonArray("labels").forEach(l -> labels.add((String) l));
    return new JobEvent(j.getLong("id"), j.getLong("run_id"), j.getInteger("run_attempt"),
        JobStatus.fromAction(p.getString("action")).orElseThrow(), labels,
        p.getJsonObject("repository").getString("full_name"), "octo-org", null, null,
        j.getString("runner_name"), null, Instant.parse(j.getString("created_at")), null, null);
  }

  @Test
  void lostQueuedWebhookIsRedeliveredOnceAndBecomesDemand() {
    Instant now = h.clock.instant();
    h.server.addDelivery("guid-ok", now.minusSeconds(300), false, 200, "workflow_job", "queued", payload(1, "queued", now));
    h.server.addDelivery("guid-lost", now.minusSeconds(120), false, 503, "workflow_job", "queued",
        payload(4242, "queued", now.minusSeconds(120)));
    h.server.addDelivery("guid-issue", now.minusSeconds(60), false, 500, "issues", "opened", new JsonObject());
    Reconciler a = h.reconciler();
    Reconciler b = h.reconciler(); // a second replica
    await(a.runOnce());
    await(b.runOnce());
    h.advance(Duration.ofMinutes(1));
    await(a.runOnce());
    assertEquals(1, h.server.count("apps/redeliver-webhook-delivery"));
    assertEquals(1, received.size());
    assertEquals("guid-lost", received.get(0).guid());
    List<Job> open = await(h.ledger.openJobs("linux"));
    assertEquals(List.of(4242L), open.stream().map(Job::jobId).toList());
    assertEquals(JobStatus.QUEUED, open.get(0).status());
    assertEquals(1.0, h.counter("hangar.reconcile.actions", "action", "delivery_redelivered"));
  }

  @Test
  void startedReconcilerRunsOnItsTimer() {
    Reconciler r = new Reconciler(vertx, List.of(ReconcileHarness.POOL), h.fleet, h.ledger, h.github,
        h.recorders.reconcile(), new ReconcileConfig(Duration.ofSeconds(1), null, null, null, null, null), h.clock);
    r.start();
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> h.counter("hangar.reconcile.cycles", "result", "ok") >= 2);
    } finally {
      r.stop();
    }
    assertTrue(h.server.count("actions/list-self-hosted-runners-for-org") >= 2);
  }

  @Test
  void aRedeliveryThatFailsAgainIsRequestedAgainWithGrowingGapsUpToTheCap() {
    Instant now = h.clock.instant();
    h.server.redeliveryTarget(d -> Future.succeededFuture(503));
    h.server.addDelivery("guid-x", now.minusSeconds(30), false, 503, "workflow_job", "queued", payload(7, "queued", now));
    Reconciler r = h.reconciler();
    List<Integer> requestedAtMinute = new ArrayList<>();
    for (int minute = 0; minute < 40; minute++) {
      long before = h.server.count("apps/redeliver-webhook-delivery");
      await(r.runOnce());
      if (h.server.count("apps/redeliver-webhook-delivery") > before) {
        requestedAtMinute.add(minute);
      }
      h.advance(Duration.ofMinutes(1));
    }
    // Gaps of 1, 2, 4 and 8 minutes, then the event is given up.
    assertEquals(List.of(0, 1, 3, 7, 15), requestedAtMinute);
    assertEquals(1 + 5, h.server.deliveries().stream().filter(d -> d.guid().equals("guid-x")).count());
  }

  @Test
  void aWebhookRefusedDuringAnOutageIsRedeliveredAgainUntilItIsStored() {
    Instant now = h.clock.instant();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    h.server.redeliveryTarget(d -> down.get() ? Future.succeededFuture(503) : deliver(d));
    h.server.addDelivery("guid-outage", now.minusSeconds(30), false, 503, "workflow_job", "queued",
        payload(77, "queued", now.minusSeconds(30)));
    Reconciler a = h.reconciler();
    Reconciler b = h.reconciler(); // a second replica sharing the ledger's claims
    await(a.runOnce());
    await(b.runOnce());
    assertEquals(1L, h.server.count("apps/redeliver-webhook-delivery"), "one redelivery per failed attempt");
    assertTrue(received.isEmpty(), "the gateway was still down");
    down.set(false);
    h.advance(Duration.ofMinutes(1));
    await(b.runOnce());
    await(a.runOnce());
    assertEquals(2L, h.server.count("apps/redeliver-webhook-delivery"), "the failed redelivery is a new failed attempt");
    assertEquals(List.of(77L), await(h.ledger.openJobs("linux")).stream().map(Job::jobId).toList());
    for (int i = 0; i < 5; i++) {
      h.advance(Duration.ofMinutes(10));
      await(a.runOnce());
    }
    assertEquals(2L, h.server.count("apps/redeliver-webhook-delivery"), "nothing more once it was stored");
  }

  @Test
  void failedDeliveriesWaitWhileTheQueueIsDownAndAreRedeliveredOnceItAnswers() {
    Instant now = h.clock.instant();
    java.util.concurrent.atomic.AtomicBoolean queueUp = new java.util.concurrent.atomic.AtomicBoolean(false);
    h.server.addDelivery("guid-waits", now.minusSeconds(30), false, 503, "workflow_job", "queued",
        payload(88, "queued", now.minusSeconds(30)));
    Reconciler r = h.reconciler().redeliverWhen(() -> queueUp.get()
        ? Future.succeededFuture() : Future.failedFuture("queue unreachable"));
    await(r.runOnce());
    h.advance(Duration.ofMinutes(1));
    await(r.runOnce());
    assertEquals(0L, h.server.count("apps/redeliver-webhook-delivery"), "no redelivery into the outage");
    queueUp.set(true);
    h.advance(Duration.ofMinutes(1));
    await(r.runOnce());
    assertEquals(1L, h.server.count("apps/redeliver-webhook-delivery"));
    assertEquals(List.of(88L), await(h.ledger.openJobs("linux")).stream().map(Job::jobId).toList());
  }

  @Test
  void deliveriesOutsideTheWindowAreIgnoredAndARefusedRequestIsRetried() {
    Instant now = h.clock.instant();
    h.server.addDelivery("guid-old", now.minus(Duration.ofDays(4)), false, 503, "workflow_job", "queued", payload(1, "queued", now));
    h.server.addDelivery("guid-new", now.minusSeconds(10), false, 502, "workflow_job", "completed", payload(2, "queued", now));
    h.server.script("apps/redeliver-webhook-delivery", new Reply(422, java.util.Map.of(),
        new JsonObject().put("message", "Validation Failed")));
    Reconciler r = h.reconciler();
    await(r.runOnce());
    h.advance(Duration.ofMinutes(1));
    await(r.runOnce());
    assertEquals(2, h.server.count("apps/redeliver-webhook-delivery"), "refused once, then done");
    assertEquals(List.of("guid-new"), received.stream().map(StoredDelivery::guid).toList());
  }

  @Test
  void redeliveriesPerCycleAreCapped() {
    Instant now = h.clock.instant();
    for (int i = 0; i < 45; i++) {
      h.server.addDelivery("g-" + i, now.minusSeconds(i), false, 503, "workflow_job", "queued", payload(100 + i, "queued", now));
    }
    Reconciler r = h.reconciler();
    await(r.runOnce());
    assertEquals(20, h.server.count("apps/redeliver-webhook-delivery"));
    h.advance(Duration.ofMinutes(1));
    await(r.runOnce());
    h.advance(Duration.ofMinutes(1));
    await(r.runOnce());
    assertEquals(45, h.server.count("apps/redeliver-webhook-delivery"));
    assertEquals(45, await(h.ledger.openJobs("linux")).size());
  }

  @Test
  void lostWebhookWithoutFailedDeliveryIsFoundThroughTheStaleJobCheck() {
    Instant created = h.clock.instant().minus(Duration.ofMinutes(7));
    // The queued webhook arrived; the in_progress and completed ones never did (no delivery).
    await(h.ledger.apply("linux", event(5, JobStatus.QUEUED, 1, null, null, created)));
    h.server.putJob("octo-org/app", 5, 50, "in_progress", null, List.of("self-hosted", "linux"), created);
    await(h.reconciler().runOnce());
    assertEquals(JobStatus.IN_PROGRESS, h.job(5).status());
  }

  private Job interruptedAndFinished(Ledger ledger, long id, int attempt, String conclusion) {
    Instant t = h.clock.instant();
    await(ledger.apply("linux", event(id, JobStatus.IN_PROGRESS, attempt, "i-0123456789abcdef0", null, t)));
    await(ledger.markInterrupted(id));
    return await(ledger.apply("linux", event(id, JobStatus.COMPLETED, attempt, "i-0123456789abcdef0", conclusion, t)));
  }

  /** The agent API's ledger as the gateway wires it: interruptions reach {@code r} at once. */
  private Ledger watching(Reconciler r) {
    return new InterruptionNotifyingLedger(h.ledger, List.of(r.interruptionListener()));
  }

  @Test
  void spotInterruptedFailedJobIsReRunOnceAcrossReplicas() {
    Reconciler a = h.reconciler();
    Reconciler b = h.reconciler();
    Ledger watched = watching(a);
    Job job = interruptedAndFinished(watched, 900, 1, "failure");
    assertEquals(1, job.interruptions());
    await(a.runOnce());
    await(b.runOnce());
    await(a.runOnce());
    assertEquals(List.of(900L), h.server.reruns());
    assertEquals(1.0, h.counter("hangar.jobs.retried", "pool", "linux", "reason", "spot_interruption"));
  }

  @Test
  void reRunsStopAtTheConfiguredMaximumAndSkipSuccessfulJobs() {
    Reconciler r = h.reconciler();
    Ledger watched = watching(r);
    interruptedAndFinished(watched, 901, 1, "cancelled");
    interruptedAndFinished(watched, 902, 2, "failure");
    interruptedAndFinished(watched, 903, 3, "failure"); // third attempt: max 2 re-runs reached
    interruptedAndFinished(watched, 904, 1, "success");
    await(h.ledger.apply("linux", event(905, JobStatus.COMPLETED, 1, "i-0123456789abcdef0", "failure", h.clock.instant())));
    await(r.runOnce());
    await(r.runOnce());
    assertEquals(List.of(901L, 902L), h.server.reruns().stream().sorted().toList());
    assertEquals(2.0, h.counter("hangar.jobs.retried", "pool", "linux", "reason", "spot_interruption"));
  }

  @Test
  void interruptedJobSeenOpenIsReRunWhenItLaterFails() {
    Reconciler r = h.reconciler();
    Instant t = h.clock.instant();
    await(h.ledger.apply("linux", event(906, JobStatus.IN_PROGRESS, 1, "i-0123456789abcdef0", null, t)));
    await(h.ledger.markInterrupted(906)); // through another replica's agent API
    await(r.runOnce());
    assertTrue(h.server.reruns().isEmpty());
    await(h.ledger.apply("linux", event(906, JobStatus.COMPLETED, 1, "i-0123456789abcdef0", "failure", t)));
    await(r.runOnce());
    assertEquals(List.of(906L), h.server.reruns());
  }

  @Test
  void aRefusedReRunIsRetriedByTheReplicaThatClaimedIt() {
    Reconciler r = h.reconciler();
    interruptedAndFinished(watching(r), 907, 1, "failure");
    h.server.script("actions/re-run-job-for-workflow-run", new Reply(403, java.util.Map.of(),
        new JsonObject().put("message", "This workflow is already running")));
    await(r.runOnce());
    assertTrue(h.server.reruns().isEmpty());
    await(r.runOnce());
    assertEquals(List.of(907L), h.server.reruns());
    assertEquals(1.0, h.counter("hangar.jobs.retried", "reason", "spot_interruption"));
  }
}
