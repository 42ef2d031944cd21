package dev.hangar.gateway;

import dev.hangar.gateway.testing.TestGateway;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.ledger.LedgerTables;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Issue 2's thinnest real path, end to end on real peers: a signed webhook through the real
 * {@link GatewayApp} to SQS (embedded ElasticMQ), the job consumer into the DynamoDB ledger and
 * the pool reconciler to the Auto Scaling group's desired capacity (both on moto).
 */
class EndToEndTest {
  static final long JOB = 30433642761L;
  static final long GPU_JOB = 30433642999L;
  static final long UNMATCHED_JOB = 30433643111L;
  static final String TABLE = "hangar-ledger-e2e";

  static EmbeddedSqs sqs;
  static SqsAsyncClient sqsAdmin;
  static AwsClients aws;
  static AutoScalingAsyncClient autoscaling;
  static Ec2AsyncClient ec2;
  static DynamoDbAsyncClient dynamo;
  static Vertx setupVertx;

  Vertx vertx;
  TestGateway app;

  @BeforeAll
  static void peers() {
    sqs = EmbeddedSqs.start("hangar-e2e.fifo");
    sqsAdmin = new AwsClients("us-east-1", sqs.endpoint(), EmbeddedSqs.CREDENTIALS).sqs();
    aws = MotoAws.clients();
    autoscaling = aws.autoScaling();
    ec2 = aws.ec2();
    dynamo = aws.dynamoDb();
    setupVertx = Vertx.vertx();
  }

  @AfterAll
  static void closePeers() throws Exception {
    sqsAdmin.close();
    autoscaling.close();
    ec2.close();
    dynamo.close();
    aws.close();
    sqs.close();
    get(setupVertx.close());
  }

  @BeforeEach
  void freshAccount() throws Exception {
    MotoPeer.reset();
    MotoGroups.create(ec2, autoscaling, "hangar-linux-warm", 0, 10);
    MotoGroups.create(ec2, autoscaling, "hangar-linux-spot", 0, 10);
    MotoGroups.create(ec2, autoscaling, "hangar-gpu-warm", 0, 2);
    get(LedgerTables.create(setupVertx, dynamo, TABLE));
    sqsAdmin.purgeQueue(b -> b.queueUrl(sqs.queueUrl())).join();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopGateway() throws Exception {
    if (app != null) {
      get(app.stop());
    }
    get(vertx.close());
  }

  static HangarConfig config(String sqsEndpoint, String queueUrl) {
    String yaml = """
        server: {host: 127.0.0.1, port: 0, shutdownGraceSeconds: 1}
        github:
          webhookSecrets: ["%s"]
        aws: {region: us-east-1, endpoint: "%s"}
        queue: {url: "%s", endpoint: "%s", sendTimeoutMillis: 1500}
        ledger: {type: dynamodb, table: %s}
        poolLoop: {debounceMillis: 50, periodSeconds: 3600, receiveWaitSeconds: 1}
        """.formatted(Webhooks.SECRET, MotoPeer.url(), queueUrl, sqsEndpoint, TABLE) + TestConfigs.POOLS;
    return ConfigLoader.parse(yaml, Map.of(), true);
  }

  TestGateway start(HangarConfig config) throws Exception {
    return get(TestGateway.start(vertx, config));
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static int desired(String asg) {
    return autoscaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg))
        .join().autoScalingGroups().get(0).desiredCapacity();
  }

  static HttpResponse<String> post(TestGateway app, String sample, String delivery) {
    byte[] body = Webhooks.payload(sample);
    return Webhooks.post(app.port(), "workflow_job", delivery, body, WebhookSignature.sign(Webhooks.SECRET, body));
  }

  static HttpResponse<String> post(TestGateway app, String sample, long jobId) {
    byte[] body = Webhooks.payload(sample, Webhooks.jobId(jobId));
    return Webhooks.post(app.port(), "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body));
  }

  double gauge(String name, String pool) {
    Gauge g = app.registry().find(name).tag("pool", pool).gauge();
    return g == null ? -1 : g.value();
  }

  double accepted() {
    Counter c = app.registry().find("hangar.webhook.received").tags("event", "workflow_job", "result", "accepted").counter();
    return c == null ? 0 : c.count();
  }

  Job job(long id) throws Exception {
    return get(app.ledger().job(id));
  }

  @Test
  void queuedRaisesDesiredCapacityAndInProgressThenCompletedBringItDown() throws Exception {
    app = start(config(sqs.endpoint(), sqs.queueUrl()));
    assertEquals(0, desired("hangar-linux-warm"));

    assertEquals(202, post(app, Webhooks.QUEUED, Webhooks.newDeliveryId()).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-linux-warm") == 1);
    assertEquals(1.0, gauge("hangar.jobs.queued", "linux"));
    assertEquals(0, desired("hangar-linux-spot"), "v1 scales the first tier only");
    assertEquals(0, desired("hangar-gpu-warm"));

    assertEquals(202, post(app, Webhooks.IN_PROGRESS, Webhooks.newDeliveryId()).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(
        () -> gauge("hangar.jobs.running", "linux") == 1.0 && gauge("hangar.jobs.queued", "linux") == 0.0);
    assertEquals(1, desired("hangar-linux-warm"), "a running job still needs its runner");
    assertEquals("i-0a1b2c3d4e5f60718", job(JOB).runnerName());

    assertEquals(202, post(app, Webhooks.COMPLETED, Webhooks.newDeliveryId()).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-linux-warm") == 0);
    assertEquals(JobStatus.COMPLETED, job(JOB).status());
    assertEquals(0.0, gauge("hangar.jobs.running", "linux"));
    Gauge d = app.registry().find("hangar.scaling.desired").tags("pool", "linux", "tier", "hangar-linux-warm").gauge();
    assertEquals(0.0, d.value());
  }

  @Test
  void theSameDeliveryTwiceCountsOnce() throws Exception {
    app = start(config(sqs.endpoint(), sqs.queueUrl()));
    String delivery = Webhooks.newDeliveryId();
    assertEquals(202, post(app, Webhooks.QUEUED, delivery).statusCode());
    assertEquals(202, post(app, Webhooks.QUEUED, delivery).statusCode());
    // A second job as a marker: once it is counted, the first one has been too, once.
    assertEquals(202, post(app, Webhooks.QUEUED, 555L).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> gauge("hangar.jobs.queued", "linux") == 2.0);
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-linux-warm") == 2);
    assertEquals(2, get(app.ledger().openJobs("linux")).size());
    // SQS deduplicated the second copy: the consumer saw two events, not three.
    assertEquals(2.0, app.registry().get("hangar.consumer.events").tag("result", "stored").counter().count());
  }

  @Test
  void anUnmatchedJobChangesNothing() throws Exception {
    app = start(config(sqs.endpoint(), sqs.queueUrl()));
    HttpResponse<String> r = post(app, Webhooks.QUEUED_UNMATCHED, Webhooks.newDeliveryId());
    assertEquals(202, r.statusCode());
    // The gpu job is sent after the unmatched one; when it has scaled its pool, the unmatched
    // one would have done whatever it was going to do.
    assertEquals(202, post(app, Webhooks.QUEUED_GPU, Webhooks.newDeliveryId()).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-gpu-warm") == 1);
    assertEquals(0, desired("hangar-linux-warm"));
    assertEquals(0, desired("hangar-linux-spot"));
    assertInstanceOf(NoSuchElementException.class, failure(app.ledger().job(UNMATCHED_JOB)));
    assertEquals(0, get(app.ledger().openJobs("linux")).size());
  }

  @Test
  void withTheQueueDownTheWebhookAnswers503AndNothingIsCounted() throws Exception {
    EmbeddedSqs own = EmbeddedSqs.start("hangar-e2e-outage.fifo");
    try {
      app = start(config(own.endpoint(), own.queueUrl()));
      double before = accepted();
      own.close();
      HttpResponse<String> r = post(app, Webhooks.QUEUED, Webhooks.newDeliveryId());
      assertEquals(503, r.statusCode(), r.body());
      assertEquals(before, accepted());
      assertInstanceOf(NoSuchElementException.class, failure(app.ledger().job(JOB)));
      assertEquals(0, get(app.ledger().openJobs("linux")).size());
      assertEquals(0, desired("hangar-linux-warm"));
    } finally {
      own.close();
    }
  }

  @Test
  void afterARestartTheDynamoDbLedgerStillHoldsTheState() throws Exception {
    app = start(config(sqs.endpoint(), sqs.queueUrl()));
    assertEquals(202, post(app, Webhooks.QUEUED, Webhooks.newDeliveryId()).statusCode());
    assertEquals(202, post(app, Webhooks.QUEUED, 777L).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-linux-warm") == 2);
    get(app.stop());
    app = null;

    // While the gateway is down the group drifts (someone scales it by hand).
    autoscaling.setDesiredCapacity(r -> r.autoScalingGroupName("hangar-linux-warm").desiredCapacity(0)).join();

    app = start(config(sqs.endpoint(), sqs.queueUrl()));
    assertEquals(JobStatus.QUEUED, job(JOB).status());
    // The first pass after start sizes the pool from the ledger alone: no event was sent.
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-linux-warm") == 2);

    assertEquals(202, post(app, Webhooks.COMPLETED, Webhooks.newDeliveryId()).statusCode());
    await().atMost(Duration.ofSeconds(30)).until(() -> desired("hangar-linux-warm") == 1);
  }

  @Test
  void oneTraceRunsFromTheWebhookThroughSqsToTheLedgerWrites() throws Exception {
    var spans = io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
    var tracing = dev.hangar.gateway.observability.Tracing.withExporter(spans);
    app = get(TestGateway.start(vertx, config(sqs.endpoint(), sqs.queueUrl()), b -> b.tracing(tracing)));
    assertEquals(202, post(app, Webhooks.QUEUED, Webhooks.newDeliveryId()).statusCode());
    // The consumer span ends after the ledger write inside it, and the webhook span may end just
    // after its answer reached us: wait for all three to be exported.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      var finished = spans.getFinishedSpanItems();
      return finished.stream().anyMatch(s -> s.getName().equals("DynamoDb.UpdateItem"))
          && finished.stream().anyMatch(s -> s.getName().equals("POST /webhook"))
          && finished.stream().anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.CONSUMER);
    });
    var all = spans.getFinishedSpanItems();
    var webhook = all.stream().filter(s -> s.getName().equals("POST /webhook")).findFirst().orElseThrow();
    var consume = all.stream().filter(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.CONSUMER).findFirst().orElseThrow();
    var write = all.stream().filter(s -> s.getName().equals("DynamoDb.UpdateItem")).findFirst().orElseThrow();
    assertEquals(webhook.getTraceId(), consume.getTraceId());
    assertEquals(webhook.getTraceId(), write.getTraceId());
    assertEquals(consume.getSpanId(), write.getParentSpanId());
  }

  static Throwable failure(Future<?> f) throws Exception {
    try {
      get(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
