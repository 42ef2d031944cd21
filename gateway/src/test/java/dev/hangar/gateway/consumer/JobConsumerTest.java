package dev.hangar.gateway.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.testing.ForwardingJobQueue;
import dev.hangar.gateway.testing.ForwardingLedger;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.queue.SqsJobQueue;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The job consumer on embedded ElasticMQ (real SQS API) with the in-memory ledger. */
class JobConsumerTest {
  static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
  static final JobConsumer.Options FAST =
      new JobConsumer.Options(1, 10, Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(200));
  static EmbeddedSqs sqs;
  static AwsClients aws;
  static SqsAsyncClient client;
  static final AtomicInteger QUEUES = new AtomicInteger();

  Vertx vertx;
  String queueUrl;
  InMemorySpanExporter spans;
  Tracing tracing;
  SqsJobQueue queue;
  MemoryLedger memory;
  List<String> changed;
  io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  JobConsumer consumer;

  @BeforeAll
  static void startSqs() {
    sqs = EmbeddedSqs.start("consumer-test-default.fifo");
    aws = new AwsClients("us-east-1", sqs.endpoint(), EmbeddedSqs.CREDENTIALS);
    client = aws.sqs();
  }

  @AfterAll
  static void stopSqs() {
    client.close();
    aws.close();
    sqs.close();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    // A fresh queue per test; a 1 s visibility timeout makes redelivery quick.
    queueUrl =
        client.createQueue(
                b -> b.queueName("consumer-" + QUEUES.incrementAndGet() + ".fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
            .join()
            .queueUrl();
    spans = InMemorySpanExporter.create();
    tracing = Tracing.withExporter(spans);
    queue = new SqsJobQueue(vertx, client, queueUrl, tracing, Duration.ZERO);
    memory = new MemoryLedger();
    changed = new CopyOnWriteArrayList<>();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (consumer != null) {
      get(consumer.stop());
    }
    get(vertx.close());
    tracing.close();
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static JobEvent event(long id, JobStatus status) {
    return new JobEvent(id, 9, 1, status, List.of("self-hosted"), "o/r", "o", "ci", "build",
        status == JobStatus.QUEUED ? null : "i-0abc", null, T0, null, null);
  }

  void send(String pool, String delivery, JobEvent e) throws Exception {
    get(queue.send(new QueuedJobEvent(pool, delivery, e, Map.of())));
  }

  void start(Ledger ledger) throws Exception {
    consumer = new JobConsumer(vertx, queue, ledger, changed::add, new TracedMessages(tracing, "jobs.fifo"), FAST,
        new MicrometerRecorders(registry).consumer());
    get(consumer.start());
  }

  int messagesInQueue() {
    Map<QueueAttributeName, String> a =
        client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .join()
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  Job job(long id) {
    try {
      return get(memory.job(id));
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void eventsReachTheLedgerAndTheirMessagesAreDeleted() throws Exception {
    send("linux", "d-1", event(1, JobStatus.QUEUED));
    send("linux", "d-2", event(1, JobStatus.IN_PROGRESS));
    send("gpu", "d-3", event(2, JobStatus.QUEUED));
    start(memory);
    await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied() == 3);
    assertEquals(JobStatus.IN_PROGRESS, job(1).status());
    assertEquals("gpu", job(2).pool());
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesInQueue() == 0);
    assertTrue(changed.contains("linux") && changed.contains("gpu"), changed.toString());
  }

  @Test
  void aRefusedEventStaysQueuedAndIsAppliedOnRedelivery() throws Exception {
    AtomicInteger failures = new AtomicInteger(2);
    Ledger flaky = new FlakyLedger(memory, failures);
    send("linux", "d-1", event(7, JobStatus.QUEUED));
    start(flaky);
    await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied() == 1);
    assertEquals(2, consumer.refused());
    assertEquals(2.0, registry.get("hangar.consumer.events").tag("result", "refused").counter().count());
    assertEquals(1.0, registry.get("hangar.consumer.events").tag("result", "stored").counter().count());
    assertEquals(JobStatus.QUEUED, job(7).status());
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesInQueue() == 0);
    assertEquals(List.of("linux"), changed, "only an accepted event tells the reconciler");
  }

  @Test
  void stopEndsPollingAndLeavesLaterMessagesInTheQueue() throws Exception {
    start(memory);
    send("linux", "d-1", event(1, JobStatus.QUEUED));
    await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied() == 1);
    get(consumer.stop());
    send("linux", "d-2", event(2, JobStatus.QUEUED));
    List<QueueMessage> left = get(queue.receive(10, Duration.ofSeconds(2)));
    assertEquals(1, left.size());
    assertEquals("d-2", left.get(0).event().deliveryId());
    assertEquals(1, consumer.applied());
    consumer = null;
  }

  @Test
  void aQueueOutageIsRetriedWithoutLosingEvents() throws Exception {
    SqsJobQueue missing = new SqsJobQueue(vertx, client, queueUrl + "-missing", tracing, Duration.ZERO);
    AtomicInteger outage = new AtomicInteger(3);
    var outageQueue = new ForwardingJobQueue(queue) {
      @Override
      public Future<List<QueueMessage>> receive(int max, Duration wait) {
        return outage.getAndDecrement() > 0 ? missing.receive(max, wait) : real.receive(max, wait);
      }
    };
    send("linux", "d-1", event(3, JobStatus.QUEUED));
    consumer = new JobConsumer(vertx, outageQueue, memory, changed::add, MessageTracer.none(), FAST);
    get(consumer.start());
    await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied() == 1);
    assertTrue(outage.get() < 0);
  }

  @Test
  void aFailedDeleteStillTellsTheReconcilerAndTheRedeliveryChangesNothing() throws Exception {
    AtomicInteger deleteFailures = new AtomicInteger(1);
    var lossyDeletes = new ForwardingJobQueue(queue) {
      @Override
      public Future<Void> delete(String receiptHandle) {
        return deleteFailures.getAndDecrement() > 0
            ? Future.failedFuture(new IllegalStateException("SQS hiccup"))
            : real.delete(receiptHandle);
      }
    };
    send("linux", "d-1", event(11, JobStatus.QUEUED));
    consumer = new JobConsumer(vertx, lossyDeletes, memory, changed::add, MessageTracer.none(), FAST);
    get(consumer.start());
    await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied() == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesInQueue() == 0);
    assertEquals(List.of("linux", "linux"), changed);
    assertEquals(0, consumer.refused());
    assertEquals(JobStatus.QUEUED, job(11).status());
  }

  @Test
  void stopDuringAQueueOutageDoesNotWaitForTheBackoff() throws Exception {
    SqsJobQueue missing = new SqsJobQueue(vertx, client, queueUrl + "-missing", tracing, Duration.ZERO);
    AtomicInteger receives = new AtomicInteger();
    var down = new ForwardingJobQueue(missing) {
      @Override
      public Future<List<QueueMessage>> receive(int max, Duration wait) {
        receives.incrementAndGet();
        return real.receive(max, wait);
      }
    };
    var slowBackoff = new JobConsumer.Options(2, 10, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofMinutes(10));
    consumer = new JobConsumer(vertx, down, memory, changed::add, MessageTracer.none(), slowBackoff);
    get(consumer.start());
    await().atMost(Duration.ofSeconds(30)).until(() -> receives.get() == 2);
    consumer.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(2, receives.get());
    consumer = null;
  }

  @Test
  void theConsumerSpanContinuesTheWebhooksTrace() throws Exception {
    Span webhook = tracing.tracer().spanBuilder("POST /webhook").setSpanKind(SpanKind.SERVER).startSpan();
    get(queue.send(new QueuedJobEvent("linux", "d-9", event(9, JobStatus.QUEUED), tracing.inject(webhook))));
    webhook.end();
    start(memory);
    await().atMost(Duration.ofSeconds(30)).until(
        () -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.CONSUMER));
    SpanData send = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
    SpanData process = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
    assertEquals(webhook.getSpanContext().getTraceId(), process.getTraceId());
    assertEquals(send.getSpanId(), process.getParentSpanId());
    assertEquals("linux", process.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("hangar.pool")));
  }

  /** Delegates to a real ledger but refuses the first {@code failures} events. */
  static final class FlakyLedger extends ForwardingLedger {
    private final AtomicInteger failures;

    FlakyLedger(Ledger real, AtomicInteger failures) {
      super(real);
      this.failures = failures;
    }

    @Override
    public Future<Job> apply(String pool, JobEvent event) {
      return failures.getAndDecrement() > 0
          ? Future.failedFuture(new IllegalStateException("ledger unavailable"))
          : real.apply(pool, event);
    }
  }
}
