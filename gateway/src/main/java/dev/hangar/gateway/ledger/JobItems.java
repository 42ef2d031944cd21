package dev.hangar.gateway.ledger;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Names and codecs of the ledger table's attributes (layout in {@code docs/ledger.md}). */
final class JobItems {
  static final String PK = "pk";
  static final String KIND = "kind";
  static final String JOB_ID = "jobId";
  static final String POOL = "pool";
  static final String STATUS = "status";
  static final String RANK = "rank";
  static final String LABELS = "labels";
  static final String REPOSITORY = "repository";
  static final String RUN_ID = "runId";
  static final String RUN_ATTEMPT = "runAttempt";
  static final String RUNNER_NAME = "runnerName";
  static final String CONCLUSION = "conclusion";
  static final String CREATED_AT = "createdAt";
  static final String STARTED_AT = "startedAt";
  static final String COMPLETED_AT = "completedAt";
  static final String INTERRUPTIONS = "interruptions";
  static final String RETRIES = "retries";
  static final String VERSION = "ver";
  static final String OPEN_POOL = "openPool";
  static final String EXPIRES_AT = "expiresAt";
  static final String OPEN_INDEX = "open-by-pool";

  private JobItems() {}

  static Map<String, AttributeValue> jobKey(long jobId) {
    return Map.of(PK, s("job#" + jobId));
  }

  static Map<String, AttributeValue> registrationKey(String instanceId, String launchId) {
    return Map.of(PK, s("reg#" + instanceId + "#" + launchId));
  }

  /** Rank of a status: the order in which a job's state may move. */
  static int rank(JobStatus status) {
    return status.ordinal();
  }

  static Job decode(Map<String, AttributeValue> item) {
    return new Job(
        n(item, JOB_ID),
        item.get(POOL).s(),
        JobStatus.valueOf(item.get(STATUS).s().toUpperCase(Locale.ROOT)),
        item.containsKey(LABELS)
            ? item.get(LABELS).l().stream().map(AttributeValue::s).toList()
            : List.of(),
        str(item, REPOSITORY),
        n(item, RUN_ID),
        (int) n(item, RUN_ATTEMPT),
        str(item, RUNNER_NAME),
        str(item, CONCLUSION),
        instant(item, CREATED_AT),
        instant(item, STARTED_AT),
        instant(item, COMPLETED_AT),
        (int) n(item, INTERRUPTIONS),
        (int) n(item, RETRIES));
  }

  static long version(Map<String, AttributeValue> item) {
    return n(item, VERSION);
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  static AttributeValue labels(List<String> labels) {
    return AttributeValue.fromL(labels.stream().map(AttributeValue::fromS).toList());
  }

  private static long n(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
