package dev.hangar.gateway.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.consumer.JobConsumer;
import dev.hangar.gateway.consumer.MessageTracer;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.ledger.DynamoLedger;
import dev.hangar.gateway.ledger.LedgerTables;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.QueuedJobEvent;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.queue.SqsJobQueue;
import dev.hangar.gateway.testing.MotoAws;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * How fast the job consumer drains a burst: fills an embedded ElasticMQ FIFO queue with
 * {@code --events} job events over {@code --pools} pools, then starts the consumer and measures
 * from start until every event is in the ledger and every message deleted. Prints events/s and
 * pool notifications (which the reconciler debounces). {@code --ledger memory} (default) or
 * {@code dynamodb} (moto: {@code HANGAR_MOTO_URL} or a moto_server it starts).
 *
 * <p>Run after {@code mvn -pl gateway test-compile} and {@code mvn -pl gateway
 * dependency:build-classpath -Dmdep.outputFile=target/bench.cp}:
 * {@code java -cp gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.cp)
 * dev.hangar.gateway.bench.ConsumerThroughputBenchmark --events 2000 --ledger memory}.
 */
public final class ConsumerThroughputBenchmark {
  private ConsumerThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = intOption(args, "--events", 2000);
    int pools = intOption(args, "--pools", 4);
    int pollers = intOption(args, "--pollers", 2);
    String ledgerType = option(args, "--ledger", "memory");
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    EmbeddedSqs sqs = EmbeddedSqs.start("consumer-bench.fifo");
    AwsClients sqsClients = new AwsClients("us-east-1", sqs.endpoint(), EmbeddedSqs.CREDENTIALS);
    Vertx vertx = Vertx.vertx();
    SqsJobQueue queue =
        new SqsJobQueue(vertx, sqsClients.sqs(), sqs.queueUrl(), Tracing.none(), Duration.ofMillis(2));
    AwsClients moto = null;
    Ledger ledger;
    if (ledgerType.equals("dynamodb")) {
      moto = MotoAws.clients();
      DynamoDbAsyncClient dynamo = moto.dynamoDb();
      String table = "bench-" + System.nanoTime();
      await(LedgerTables.create(vertx, dynamo, table));
      ledger = new DynamoLedger(vertx, dynamo, table);
    } else {
      ledger = new MemoryLedger();
    }

    List<Future<Void>> sends = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
    for (int i = 0; i < events; i++) {
      JobEvent e = new JobEvent(50_000_000_000L + i, 1, 1, JobStatus.QUEUED, List.of("self-hosted"),
          "o/r", "o", "ci", "build", null, null, t0, null, null);
      sends.add(queue.send(new QueuedJobEvent("pool-" + (i % pools), "bench-" + i, e, Map.of())));
    }
    await(Future.all(sends));

    Map<String, Integer> notified = new ConcurrentHashMap<>();
    JobConsumer consumer = new JobConsumer(vertx, queue, ledger, p -> notified.merge(p, 1, Integer::sum),
        MessageTracer.none(),
        new JobConsumer.Options(pollers, 10, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(1)));
    long start = System.nanoTime();
    await(consumer.start());
    while (consumer.applied() < events) {
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    await(consumer.stop());
    int notifications = notified.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "consumer: %d events, %d pools, %d pollers, ledger %s: %.2f s, %.0f events/s, %d refused, "
            + "%d pool notifications (%.1f events per notification)%n",
        events, pools, pollers, ledgerType, seconds, events / seconds, consumer.refused(), notifications,
        (double) events / Math.max(1, notifications));

    await(vertx.close());
    sqsClients.close();
    if (moto != null) {
      moto.close();
    }
    sqs.close();
    System.exit(0);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
  }

  private static String option(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }

  private static int intOption(String[] args, String name, int dflt) {
    return Integer.parseInt(option(args, name, Integer.toString(dflt)));
  }
}
