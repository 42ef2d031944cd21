package dev.hangar.gateway.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.ReconcileVerticle;
import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestAppKeys;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lost-webhook scenario end to end: GitHub could not deliver a {@code workflow_job queued}
 * (the gateway answered 503). Reconciliation in the running gateway finds the failed delivery,
 * asks GitHub to redeliver it; the redelivery reaches the real {@code POST /webhook}, goes
 * through SQS and the ledger, and the pool gets capacity in moto. A later cycle does not ask
 * again, and the event is processed once.
 */
class LostWebhookGatewayTest {
  static final long JOB = 30433642761L;

  @Test
  void failedQueuedDeliveryIsRedeliveredOnceAndTheJobGetsCapacity(@TempDir Path dir) throws Exception {
    MotoPeer.reset();
    try (var aws = MotoAws.clients()) {
      for (String g : List.of("hangar-linux-warm", "hangar-linux-spot", "hangar-gpu-warm")) {
        MotoGroups.create(aws.ec2(), aws.autoScaling(), g, 0, 4);
      }
    }
    Vertx vertx = Vertx.vertx();
    EmbeddedSqs sqs = EmbeddedSqs.start("lost-webhook.fifo");
    GitHubTestServer github = GitHubTestServer.start(vertx, 99, TestAppKeys.pair().getPublic(), Clock.systemUTC(), "")
        .await(30, TimeUnit.SECONDS);
    HangarConfig config = TestConfigs.withGitHubApp(github, 99, sqs, dir, "  requestTimeout: 5s\n", """
        reconcile: {interval: 1h}
        poolLoop: {receiveWaitSeconds: 1}
        """);
    TestGateway app = TestGateway.start(vertx, config)
        .await(60, TimeUnit.SECONDS);
    AtomicInteger posted = new AtomicInteger();
    try {
      int port = app.port();
      github.redeliveryTarget(d -> vertx.executeBlocking(() -> {
        posted.incrementAndGet();
        byte[] body = d.payload().toBuffer().getBytes();
        return Webhooks.post(port, d.event(), d.guid(), body, WebhookSignature.sign(Webhooks.SECRET, body)).statusCode();
      }, false));
      byte[] queued = Webhooks.payload(Webhooks.QUEUED);
      // GitHub knows the job (still queued); only its webhook was lost.
      github.putJob("acme/widgets", JOB, 11194571219L, "queued", null, List.of("self-hosted", "linux", "x64"),
          Instant.parse("2026-11-27T09:00:01Z"));
      github.addDelivery("lost-guid-1", Instant.now().minusSeconds(120), false, 503, "workflow_job", "queued",
          Buffer.buffer(queued).toJsonObject());
      github.addDelivery("fine-guid-2", Instant.now().minusSeconds(60), false, 202, "workflow_job", "completed",
          Buffer.buffer(Webhooks.payload(Webhooks.COMPLETED)).toJsonObject().put("workflow_job",
              Buffer.buffer(Webhooks.payload(Webhooks.COMPLETED)).toJsonObject().getJsonObject("workflow_job").put("id", 1)));

      // The gateway's own reconciler waits an hour (interval 1h); this one, built over the same
      // adapters the same way, runs its cycles when the test says.
      Reconciler reconcile = ReconcileVerticle.reconciler(vertx, config, app.adapters());
      reconcile.runOnce().await(60, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        List<Job> open = app.ledger().openJobs("linux").await(10, TimeUnit.SECONDS);
        assertEquals(List.of(JOB), open.stream().map(Job::jobId).toList());
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> desired(app, "hangar-linux-warm") + desired(app, "hangar-linux-spot") >= 1);

      reconcile.runOnce().await(60, TimeUnit.SECONDS);
      assertEquals(List.of(JOB), app.ledger().openJobs("linux").await(10, TimeUnit.SECONDS).stream()
          .map(Job::jobId).toList(), "still queued on GitHub: the job stays demand");
      assertEquals(1, github.count("apps/redeliver-webhook-delivery"));
      assertEquals(1, posted.get());
      assertEquals(202, github.deliveries().stream().filter(d -> d.redelivery()).findFirst().orElseThrow().statusCode());
      assertEquals(1.0, app.registry().get("hangar.webhook.received")
          .tag("event", "workflow_job").tag("result", "accepted").counter().count());
      assertEquals(List.of(), github.violations());
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
      github.close();
      sqs.close();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static int desired(TestGateway app, String asg) throws Exception {
    return app.fleet().describe(asg).await(10, TimeUnit.SECONDS).desiredCapacity();
  }
}
