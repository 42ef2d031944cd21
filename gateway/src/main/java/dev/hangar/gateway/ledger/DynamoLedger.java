package dev.hangar.gateway.ledger;

import static dev.hangar.gateway.ledger.JobItems.*;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.JobTransitions;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.Ledger.RegistrationClaim;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The ledger on DynamoDB, shared by every gateway replica. Each job is one item; an event is
 * merged by reading the item, folding the event in with {@link JobTransitions} and writing the
 * result with a condition on the item's version (and on its status rank never going down). A
 * replica that lost the race re-reads and merges again, so no replica can regress a job and
 * the stored state is the same whatever order the events arrive in. Layout: {@code
 * docs/ledger.md}.
 */
public final class DynamoLedger implements Ledger {
  /** How long a completed job stays before DynamoDB's TTL removes it. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** Registration claims outlive any instance: 30 days. */
  static final Duration REGISTRATION_RETENTION = Duration.ofDays(30);

  /** Version conflicts tolerated per event before the caller is told to retry later. */
  static final int MAX_CONFLICTS = 16;

  private final Vertx vertx;
  private final DynamoDbAsyncClient dynamo;
  private final String table;
  private final Clock clock;
  private final Duration retention;
  private final AtomicLong conflicts = new AtomicLong();

  /** A ledger on {@code table}; completed jobs expire {@link #DEFAULT_RETENTION} later. */
  public DynamoLedger(Vertx vertx, DynamoDbAsyncClient dynamo, String table) {
    this(vertx, dynamo, table, Clock.systemUTC(), DEFAULT_RETENTION);
  }

  /** As above with the clock and retention given. */
  public DynamoLedger(
      Vertx vertx, DynamoDbAsyncClient dynamo, String table, Clock clock, Duration retention) {
    this.vertx = vertx;
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    // The read and the write run in later callbacks: carry the caller's trace context to them,
    // so their AWS call spans stay children of the consumer span.
    return applyAttempt(pool, event, 0, Context.current());
  }

  private Future<Job> applyAttempt(String pool, JobEvent event, int conflicts, Context trace) {
    return read(event.jobId(), trace)
        .compose(
            item -> {
              Job current = item == null ? null : decode(item);
              if (current != null && JobTransitions.isNoOp(current, event)) {
                return Future.succeededFuture(current);
              }
              Job next =
                  current == null
                      ? JobTransitions.start(pool, event)
                      : JobTransitions.apply(current, event);
              long version = item == null ? 0 : version(item);
              return write(next, version, trace)
                  .recover(
                      err -> {
                        if (!conditionFailed(err)) {
                          return Future.failedFuture(err);
                        }
                        this.conflicts.incrementAndGet();
                        if (conflicts + 1 >= MAX_CONFLICTS) {
                          return Future.failedFuture(
                              new IllegalStateException(
                                  "job " + event.jobId() + ": too many concurrent writers"));
                        }
                        return applyAttempt(pool, event, conflicts + 1, trace);
                      });
            });
  }

  private Future<Map<String, AttributeValue>> read(long jobId, Context trace) {
    return traced(
            trace,
            () -> dynamo.getItem(r -> r.tableName(table).key(jobKey(jobId)).consistentRead(true)))
        .map(r -> r.hasItem() && !r.item().isEmpty() ? r.item() : null);
  }

  /** Writes the merged job if the item is still at {@code version} (0: does not exist yet). */
  private Future<Job> write(Job job, long version, Context trace) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    set(sets, names, values, KIND, s("job"));
    set(sets, names, values, JOB_ID, n(job.jobId()));
    set(sets, names, values, POOL, s(job.pool()));
    set(sets, names, values, STATUS, s(job.status().wireName()));
    set(sets, names, values, RANK, n(rank(job.status())));
    set(sets, names, values, LABELS, labels(job.labels()));
    setIfPresent(sets, names, values, REPOSITORY, job.repository());
    set(sets, names, values, RUN_ID, n(job.runId()));
    set(sets, names, values, RUN_ATTEMPT, n(job.runAttempt()));
    setIfPresent(sets, names, values, RUNNER_NAME, job.runnerName());
    setIfPresent(sets, names, values, CONCLUSION, job.conclusion());
    setIfPresent(sets, names, values, CREATED_AT, job.createdAt());
    setIfPresent(sets, names, values, STARTED_AT, job.startedAt());
    setIfPresent(sets, names, values, COMPLETED_AT, job.completedAt());
    set(sets, names, values, VERSION, n(version + 1));
    // Counters belong to markInterrupted/claimRetry: only initialised here, never overwritten.
    names.put("#interruptions", INTERRUPTIONS);
    names.put("#retries", RETRIES);
    values.put(":zero", n(0));
    sets.add("#interruptions = if_not_exists(#interruptions, :zero)");
    sets.add("#retries = if_not_exists(#retries, :zero)");
    names.put("#openPool", OPEN_POOL);
    names.put("#expiresAt", EXPIRES_AT);
    if (job.status() == JobStatus.COMPLETED) {
      Instant done = job.completedAt() != null ? job.completedAt() : clock.instant();
      values.put(":expiresAt", n(done.plus(retention).getEpochSecond()));
      sets.add("#expiresAt = :expiresAt");
      removes.add("#openPool");
    } else {
      values.put(":openPool", s(job.pool()));
      sets.add("#openPool = :openPool");
      removes.add("#expiresAt");
    }
    String condition;
    if (version == 0) {
      names.put("#pk", PK);
      condition = "attribute_not_exists(#pk)";
    } else {
      values.put(":expectedVer", n(version));
      condition = "#ver = :expectedVer AND #rank <= :rank";
    }
    String update = "SET " + String.join(", ", sets) + " REMOVE " + String.join(", ", removes);
    return traced(
            trace,
            () ->
                dynamo.updateItem(
                    r ->
                        r.tableName(table)
                            .key(jobKey(job.jobId()))
                            .updateExpression(update)
                            .conditionExpression(condition)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW)))
        .map(r -> decode(r.attributes()));
  }

  private static void set(
      List<String> sets,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attr,
      AttributeValue v) {
    names.put("#" + attr, attr);
    values.put(":" + attr, v);
    sets.add("#" + attr + " = :" + attr);
  }

  private static void setIfPresent(
      List<String> sets,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attr,
      Object v) {
    // A merged field never goes back to null, so an absent value never needs a REMOVE.
    if (v != null) {
      set(sets, names, values, attr, s(v.toString()));
    }
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    return openPage(pool, null, new ArrayList<>());
  }

  private Future<List<Job>> openPage(
      String pool, Map<String, AttributeValue> start, List<Job> acc) {
    return on(
            dynamo.query(
                r ->
                    r.tableName(table)
                        .indexName(OPEN_INDEX)
                        .keyConditionExpression("#openPool = :pool")
                        .expressionAttributeNames(Map.of("#openPool", OPEN_POOL))
                        .expressionAttributeValues(Map.of(":pool", s(pool)))
                        .exclusiveStartKey(start)))
        .compose(
            r -> {
              r.items().forEach(i -> acc.add(decode(i)));
              if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
                return openPage(pool, r.lastEvaluatedKey(), acc);
              }
              return Future.succeededFuture(List.copyOf(acc));
            });
  }

  @Override
  public Future<Job> job(long jobId) {
    return read(jobId, Context.current())
        .compose(
            item ->
                item == null
                    ? Future.failedFuture(MemoryLedger.unknown(jobId))
                    : Future.succeededFuture(decode(item)));
  }

  /** The registration item's attribute holding the launch's highest claimed sequence. */
  static final String SEQUENCE = "sequence";

  @Override
  public Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence) {
    Instant now = clock.instant();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":seq", n(sequence));
    values.put(":kind", s("registration"));
    values.put(":instance", s(instanceId));
    values.put(":launch", s(launchId));
    values.put(":at", s(now.toString()));
    values.put(":exp", n(now.plus(REGISTRATION_RETENTION).getEpochSecond()));
    Map<String, String> names = new HashMap<>(Map.of("#seq", SEQUENCE, "#kind", KIND, "#exp", EXPIRES_AT));
    if (sequence > 1) {
      values.put(":prev", n(sequence - 1));
    }
    if (sequence <= 2) {
      // DynamoDB refuses expression names an expression does not use: only these two use #pk.
      names.put("#pk", PK);
    }
    // Items written before sequences existed carry none: they hold registration 1.
    String condition = switch (sequence) {
      case 1 -> "attribute_not_exists(#pk)";
      case 2 -> "#seq = :prev OR (attribute_exists(#pk) AND attribute_not_exists(#seq))";
      default -> "#seq = :prev";
    };
    return on(
            dynamo.updateItem(
                r ->
                    r.tableName(table)
                        .key(registrationKey(instanceId, launchId))
                        .updateExpression("SET #seq = :seq, #kind = :kind, instanceId = :instance,"
                            + " launchId = :launch, claimedAt = :at, #exp = :exp")
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)))
        .map(RegistrationClaim.CLAIMED)
        .recover(
            err -> {
              if (!conditionFailed(err)) {
                return Future.failedFuture(err);
              }
              // Lost: a read tells a replay (taken) from a skipped registration.
              return lastClaimed(instanceId, launchId).map(last -> {
                RegistrationClaim judged = RegistrationClaim.judge(last, sequence);
                return judged == RegistrationClaim.CLAIMED ? RegistrationClaim.TAKEN : judged;
              });
            });
  }

  @Override
  public Future<Void> releaseRegistration(String instanceId, String launchId, int sequence) {
    Future<?> write =
        sequence == 1
            ? on(dynamo.deleteItem(
                r -> r.tableName(table)
                    .key(registrationKey(instanceId, launchId))
                    .conditionExpression("#seq = :seq OR attribute_not_exists(#seq)")
                    .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                    .expressionAttributeValues(Map.of(":seq", n(1)))))
            : on(dynamo.updateItem(
                r -> r.tableName(table)
                    .key(registrationKey(instanceId, launchId))
                    .updateExpression("SET #seq = :prev")
                    .conditionExpression("#seq = :seq")
                    .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                    .expressionAttributeValues(Map.of(":seq", n(sequence), ":prev", n(sequence - 1)))));
    return write
        .<Void>mapEmpty()
        .recover(err -> conditionFailed(err) ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /** The launch's highest claimed registration (0: none), read consistently. */
  private Future<Integer> lastClaimed(String instanceId, String launchId) {
    return on(dynamo.getItem(
            r -> r.tableName(table).key(registrationKey(instanceId, launchId)).consistentRead(true)))
        .map(r -> {
          if (!r.hasItem() || r.item().isEmpty()) {
            return 0;
          }
          AttributeValue seq = r.item().get(SEQUENCE);
          return seq == null ? 1 : Integer.parseInt(seq.n());
        });
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    return on(
            dynamo.updateItem(
                r ->
                    r.tableName(table)
                        .key(jobKey(jobId))
                        .updateExpression("ADD #n :one")
                        .conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#n", INTERRUPTIONS, "#pk", PK))
                        .expressionAttributeValues(Map.of(":one", n(1)))
                        .returnValues(ReturnValue.ALL_NEW)))
        .map(r -> decode(r.attributes()))
        .recover(
            err ->
                conditionFailed(err)
                    ? Future.failedFuture(MemoryLedger.unknown(jobId))
                    : Future.failedFuture(err));
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    return on(
            dynamo.updateItem(
                r ->
                    r.tableName(table)
                        .key(jobKey(jobId))
                        .updateExpression("SET #r = :retry")
                        .conditionExpression("attribute_exists(#pk) AND #r < :retry")
                        .expressionAttributeNames(Map.of("#r", RETRIES, "#pk", PK))
                        .expressionAttributeValues(Map.of(":retry", n(retry)))))
        .map(true)
        .recover(
            err -> {
              if (!conditionFailed(err)) {
                return Future.failedFuture(err);
              }
              // Lost the claim, or the job is unknown: only a read tells which.
              return job(jobId).map(false);
            });
  }

  @Override
  public Future<Void> ping() {
    return on(dynamo.describeTable(r -> r.tableName(table))).mapEmpty();
  }

  /** Makes the SDK call with {@code trace} current, so its span gets the right parent. */
  private <T> Future<T> traced(Context trace, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> cf;
    try (Scope ignored = trace.makeCurrent()) {
      cf = call.get();
    }
    return on(cf);
  }

  private <T> Future<T> on(CompletableFuture<T> cf) {
    return Future.fromCompletionStage(cf, vertx.getOrCreateContext());
  }

  private static boolean conditionFailed(Throwable err) {
    return unwrap(err) instanceof ConditionalCheckFailedException;
  }

  private static Throwable unwrap(Throwable err) {
    return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
  }

  /** Writes this replica lost to another writer and merged again (a measure of contention). */
  public long conflicts() {
    return conflicts.get();
  }

  @Override
  public String toString() {
    return "DynamoLedger[" + table + "]";
  }
}
