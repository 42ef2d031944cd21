package dev.hangar.gateway.domain;

import java.time.Instant;

/**
 * Folds job events into a {@link Job}. The fold is a join: applying an event twice, or events
 * in any order, gives the same job, so redelivered and reordered webhooks are harmless.
 */
public final class JobTransitions {
  private JobTransitions() {}

  /** The job as first seen from one event. */
  public static Job start(String pool, JobEvent e) {
    return new Job(
        e.jobId(),
        pool,
        e.status(),
        e.labels(),
        e.repository(),
        e.runId(),
        e.runAttempt(),
        e.runnerName(),
        e.conclusion(),
        e.createdAt(),
        e.startedAt(),
        e.completedAt(),
        0,
        0);
  }

  /**
   * Merges an event into the known job. Status takes the furthest of the two; each field keeps
   * the value from the further-along side when both have one, so the result does not depend on
   * which came first.
   */
  public static Job apply(Job current, JobEvent e) {
    Job other = start(current.pool(), e);
    boolean eventAhead = other.status().isAfter(current.status());
    Job ahead = eventAhead ? other : current;
    Job behind = eventAhead ? current : other;
    return new Job(
        current.jobId(),
        current.pool(),
        ahead.status(),
        ahead.labels().isEmpty() ? behind.labels() : ahead.labels(),
        firstNonNull(ahead.repository(), behind.repository()),
        ahead.runId() != 0 ? ahead.runId() : behind.runId(),
        Math.max(ahead.runAttempt(), behind.runAttempt()),
        firstNonNull(ahead.runnerName(), behind.runnerName()),
        firstNonNull(ahead.conclusion(), behind.conclusion()),
        earliest(ahead.createdAt(), behind.createdAt()),
        earliest(ahead.startedAt(), behind.startedAt()),
        earliest(ahead.completedAt(), behind.completedAt()),
        current.interruptions(),
        current.retries());
  }

  /** True when applying {@code e} to {@code current} changes nothing. */
  public static boolean isNoOp(Job current, JobEvent e) {
    return apply(current, e).equals(current);
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }
}
