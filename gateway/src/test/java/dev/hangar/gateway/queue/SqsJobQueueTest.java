package dev.hangar.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** {@link SqsJobQueue} on embedded ElasticMQ: FIFO order per pool, dedup, attributes, delete. */
@ExtendWith(VertxExtension.class)
class SqsJobQueueTest {
  private static EmbeddedSqs sqs;
  private static SqsAsyncClient client;

  @BeforeAll
  static void start() {
    sqs = EmbeddedSqs.start("sqs-job-queue-test.fifo");
    client = sqs.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    sqs.close();
  }

  static JobEvent event(long jobId, JobStatus status) {
    return new JobEvent(jobId, 77, 1, status, List.of("self-hosted", "linux"), "acme/widgets", "acme",
        "CI", "build", null, null, Instant.parse("2026-11-27T09:00:01Z"), null, null);
  }

  @Test
  void sendsReceivesAndDeletesWithTraceContextAndDedup(Vertx vertx, VertxTestContext test) {
    String url = client.createQueue(b -> b.queueName("roundtrip.fifo").attributes(Map.of(
        software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"))).join().queueUrl();
    SqsJobQueue queue = new SqsJobQueue(vertx, client, url, Tracing.none(), Duration.ZERO);
    var first = new QueuedJobEvent("linux", "d-1", event(1, JobStatus.QUEUED),
        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    var second = new QueuedJobEvent("linux", "d-2", event(1, JobStatus.IN_PROGRESS), Map.of());
    queue.send(first)
        .compose(v -> queue.send(first))
        .compose(v -> queue.send(second))
        .compose(v -> queue.ping())
        .compose(v -> queue.receive(10, Duration.ofSeconds(1)))
        .compose(messages -> {
          test.verify(() -> {
            assertEquals(2, messages.size(), "the duplicate delivery is stored once");
            QueueMessage m = messages.get(0);
            assertEquals("d-1", m.event().deliveryId());
            assertEquals(JobStatus.QUEUED, m.event().event().status());
            assertEquals(first.event(), m.event().event());
            assertEquals(1, m.receiveCount());
            String tp = m.event().traceContext().get("traceparent");
            assertTrue(tp != null && tp.contains("0af7651916cd43dd8448eb211c80319c"), "same trace: " + tp);
            assertEquals("d-2", messages.get(1).event().deliveryId());
          });
          return queue.delete(messages.get(0).receiptHandle())
              .compose(v -> queue.delete(messages.get(1).receiptHandle()));
        })
        .compose(v -> queue.receive(10, Duration.ZERO))
        .onComplete(test.succeeding(rest -> test.verify(() -> {
          assertTrue(rest.isEmpty());
          test.completeNow();
        })));
  }

  @Test
  void batchedSendsAreEachAcknowledgedOnlyWhenStored(Vertx vertx, VertxTestContext test) {
    String url = client.createQueue(b -> b.queueName("batched.fifo").attributes(Map.of(
        software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"))).join().queueUrl();
    SqsJobQueue queue = new SqsJobQueue(vertx, client, url, Tracing.none(), Duration.ofMillis(5));
    List<io.vertx.core.Future<Void>> sends = new java.util.ArrayList<>();
    for (int i = 0; i < 25; i++) {
      sends.add(queue.send(new QueuedJobEvent(i % 2 == 0 ? "linux" : "gpu", "batch-" + i, event(100 + i, JobStatus.QUEUED), Map.of())));
    }
    io.vertx.core.Future.all(sends)
        .compose(v -> drain(queue, 0))
        .onComplete(test.succeeding(n -> test.verify(() -> {
          assertEquals(25, n);
          test.completeNow();
        })));
  }

  @Test
  void aRefusedEntryFailsOnlyItsOwnSend(Vertx vertx, VertxTestContext test) {
    String url = client.createQueue(b -> b.queueName("partial.fifo").attributes(Map.of(
        software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"))).join().queueUrl();
    SqsJobQueue queue = new SqsJobQueue(vertx, client, url, Tracing.none(), Duration.ofMillis(50));
    // SQS refuses a deduplication id over 128 characters; the other entries of the batch go in.
    var good1 = queue.send(new QueuedJobEvent("linux", "ok-1", event(1, JobStatus.QUEUED), Map.of()));
    var bad = queue.send(new QueuedJobEvent("linux", "x".repeat(129), event(2, JobStatus.QUEUED), Map.of()));
    var good2 = queue.send(new QueuedJobEvent("linux", "ok-2", event(3, JobStatus.QUEUED), Map.of()));
    io.vertx.core.Future.join(good1, bad, good2)
        .onComplete(ar -> test.verify(() -> {
          assertTrue(good1.succeeded(), String.valueOf(good1.cause()));
          assertTrue(good2.succeeded(), String.valueOf(good2.cause()));
          assertTrue(bad.failed(), "the refused entry must not be acknowledged");
          drain(queue, 0).onComplete(test.succeeding(n -> test.verify(() -> {
            assertEquals(2, n);
            test.completeNow();
          })));
        }));
  }

  @Test
  void sendFailsWhenTheQueueDoesNotExist(Vertx vertx, VertxTestContext test) {
    SqsJobQueue queue = new SqsJobQueue(vertx, client, sqs.endpoint() + "/000000000000/missing.fifo", Tracing.none(), Duration.ZERO);
    queue.send(new QueuedJobEvent("linux", "x-1", event(5, JobStatus.QUEUED), Map.of()))
        .onComplete(test.failing(e -> test.completeNow()));
  }

  private static io.vertx.core.Future<Integer> drain(SqsJobQueue queue, int seen) {
    return queue.receive(10, Duration.ZERO).compose(ms -> {
      if (ms.isEmpty()) {
        return io.vertx.core.Future.succeededFuture(seen);
      }
      return io.vertx.core.Future.all(ms.stream().map(m -> queue.delete(m.receiptHandle())).toList())
          .compose(v -> drain(queue, seen + ms.size()));
    });
  }
}
