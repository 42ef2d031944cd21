package dev.hangar.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.JobTransitions;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.testing.JobHistories;
import dev.hangar.gateway.testing.JobHistories.History;
import dev.hangar.gateway.testing.MotoAws;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB ledger against moto's DynamoDB: contract, property and replica races. The
 * clients send one request at a time (see {@link MotoAws#serialClients()}).
 */
class DynamoLedgerTest extends LedgerContract {
  static final String TABLE = "hangar-ledger-test";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);
  private static final AtomicLong PROPERTY_IDS = new AtomicLong(9_000_000_000L);
  static Vertx vertx;
  static AwsClients aws;
  static DynamoDbAsyncClient dynamo;

  @BeforeAll
  @BeforeContainer
  static synchronized void setUp() {
    if (vertx != null) {
      return;
    }
    vertx = Vertx.vertx();
    aws = MotoAws.serialClients();
    dynamo = aws.dynamoDb();
    await(LedgerTables.create(vertx, dynamo, TABLE));
  }

  @AfterAll
  @AfterContainer
  static synchronized void tearDown() {
    if (vertx == null) {
      return;
    }
    dynamo.close();
    aws.close();
    await(vertx.close());
    vertx = null;
  }

  static DynamoLedger replica() {
    return new DynamoLedger(vertx, dynamo, TABLE, CLOCK, Duration.ofDays(7));
  }

  @Override
  protected Ledger ledger() {
    return replica();
  }

  @Test
  void creatingTheTableTwiceIsHarmless() {
    await(LedgerTables.create(vertx, dynamo, TABLE));
  }

  @Test
  void aCompletedJobLeavesTheOpenIndexAndGetsAnExpiry() {
    long id = newJobId();
    await(replica().apply("linux", event(id, JobStatus.QUEUED)));
    Map<String, AttributeValue> open = rawItem(id);
    assertEquals("linux", open.get("openPool").s());
    assertEquals("1", open.get("rank").n());
    assertTrue(!open.containsKey("expiresAt"));

    await(replica().apply("linux", event(id, JobStatus.COMPLETED)));
    Map<String, AttributeValue> done = rawItem(id);
    assertTrue(!done.containsKey("openPool"));
    assertEquals("3", done.get("rank").n());
    long completedAt = T0.plusSeconds(90).getEpochSecond();
    assertEquals(completedAt + Duration.ofDays(7).toSeconds(), Long.parseLong(done.get("expiresAt").n()));
  }

  @Test
  void aRegistrationClaimedBeforeSequencesExistedCountsAsTheFirst() {
    String instance = "i-" + newJobId();
    // What gateways before runner reuse wrote: the claim item without a sequence.
    await(Future.fromCompletionStage(dynamo.putItem(r -> r.tableName(TABLE).item(Map.of(
        "pk", AttributeValue.fromS("reg#" + instance + "#launch"),
        "kind", AttributeValue.fromS("registration"))))));
    assertEquals(Ledger.RegistrationClaim.TAKEN, await(replica().claimRegistration(instance, "launch", 1)));
    assertEquals(Ledger.RegistrationClaim.OUT_OF_ORDER, await(replica().claimRegistration(instance, "launch", 3)));
    assertEquals(Ledger.RegistrationClaim.CLAIMED, await(replica().claimRegistration(instance, "launch", 2)));
    Map<String, AttributeValue> item = await(Future.fromCompletionStage(dynamo.getItem(r -> r.tableName(TABLE)
        .key(Map.of("pk", AttributeValue.fromS("reg#" + instance + "#launch"))).consistentRead(true)))).item();
    assertEquals("2", item.get("sequence").n());
    assertTrue(item.containsKey("expiresAt"), "claims expire like before");
  }

  @Test
  void racingReplicasClaimEachRegistrationOnce() {
    String instance = "i-" + newJobId();
    assertTrue(await(replica().claimRegistration(instance, "launch")));
    List<Future<Ledger.RegistrationClaim>> racing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      racing.add(replica().claimRegistration(instance, "launch", 2));
    }
    assertEquals(1, racing.stream().map(LedgerContract::await)
        .filter(c -> c == Ledger.RegistrationClaim.CLAIMED).count());
  }

  @Test
  void aDuplicateEventDoesNotWrite() {
    long id = newJobId();
    await(replica().apply("linux", event(id, JobStatus.IN_PROGRESS)));
    String version = rawItem(id).get("ver").n();
    await(replica().apply("linux", event(id, JobStatus.QUEUED)));
    await(replica().apply("linux", event(id, JobStatus.IN_PROGRESS)));
    assertEquals(version, rawItem(id).get("ver").n());
  }

  @Test
  void racingReplicasNeverRegressAJob() {
    long id = newJobId();
    List<DynamoLedger> replicas = List.of(replica(), replica(), replica(), replica());
    List<Future<Job>> all = new ArrayList<>();
    for (DynamoLedger r : replicas) {
      for (JobStatus s : JobStatus.values()) {
        all.add(r.apply("linux", event(id, s)));
      }
    }
    all.forEach(LedgerContract::await);
    assertTrue(replicas.stream().mapToLong(DynamoLedger::conflicts).sum() > 0, "no race happened");
    Job expected = JobTransitions.start("linux", event(id, JobStatus.WAITING));
    for (JobStatus s : JobStatus.values()) {
      expected = JobTransitions.apply(expected, event(id, s));
    }
    assertEquals(expected, await(replica().job(id)));
  }

  @Test
  void theLedgersAwsCallsAreChildrenOfTheCallersSpan() throws Exception {
    var spans = io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
    var tracing = dev.hangar.gateway.observability.Tracing.withExporter(spans);
    var builder = aws.configure(DynamoDbAsyncClient.builder());
    builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
        .addExecutionInterceptor(new dev.hangar.gateway.observability.AwsTracingInterceptor(tracing.tracer()))
        .build());
    try (DynamoDbAsyncClient traced = builder.build()) {
      DynamoLedger ledger = new DynamoLedger(vertx, traced, TABLE, CLOCK, Duration.ofDays(7));
      long id = newJobId();
      var consumer = tracing.tracer().spanBuilder("jobs process").startSpan();
      Future<Job> applied;
      try (var ignored = consumer.makeCurrent()) {
        applied = ledger.apply("linux", event(id, JobStatus.QUEUED));
      }
      await(applied);
      consumer.end();
      var calls = spans.getFinishedSpanItems().stream()
          .filter(s -> s.getName().startsWith("DynamoDb.")).toList();
      assertEquals(List.of("DynamoDb.GetItem", "DynamoDb.UpdateItem"), calls.stream().map(s -> s.getName()).toList());
      for (var call : calls) {
        assertEquals(consumer.getSpanContext().getSpanId(), call.getParentSpanId(), call.getName());
        assertEquals(consumer.getSpanContext().getTraceId(), call.getTraceId(), call.getName());
      }
    } finally {
      tracing.close();
    }
  }

  @Provide
  Arbitrary<History> histories() {
    return JobHistories.of(0).map(DynamoLedgerTest::renumber);
  }

  private static History renumber(History h) {
    long id = PROPERTY_IDS.incrementAndGet();
    return new History(
        h.inOrder().stream().map(e -> withId(e, id)).toList(),
        h.delivered().stream().map(e -> withId(e, id)).toList());
  }

  private static JobEvent withId(JobEvent e, long id) {
    return new JobEvent(
        id, e.runId(), e.runAttempt(), e.status(), e.labels(), e.repository(), e.owner(),
        e.workflowName(), e.jobName(), e.runnerName(), e.conclusion(), e.createdAt(),
        e.startedAt(), e.completedAt());
  }

  /** Events delivered in any order, duplicated, spread over three racing replicas. */
  @Property(tries = 40)
  void anyOrderDuplicationAndRaceStoresTheSameJob(@ForAll("histories") History h) {
    long id = h.inOrder().get(0).jobId();
    Job expected = null;
    for (JobEvent e : h.inOrder()) {
      expected = expected == null ? JobTransitions.start("prop", e) : JobTransitions.apply(expected, e);
    }
    List<DynamoLedger> replicas = List.of(replica(), replica(), replica());
    List<Future<Job>> inFlight = new ArrayList<>();
    for (int i = 0; i < h.delivered().size(); i++) {
      inFlight.add(replicas.get(i % 3).apply("prop", h.delivered().get(i)));
    }
    inFlight.forEach(LedgerContract::await);
    assertEquals(expected, await(replica().job(id)));
    boolean open = expected.status() != JobStatus.COMPLETED;
    assertEquals(open, await(replica().openJobs("prop")).stream().anyMatch(j -> j.jobId() == id));
  }

  private static Map<String, AttributeValue> rawItem(long id) {
    return await(
            Future.fromCompletionStage(
                dynamo.getItem(r -> r.tableName(TABLE).key(JobItems.jobKey(id)).consistentRead(true))))
        .item();
  }
}
