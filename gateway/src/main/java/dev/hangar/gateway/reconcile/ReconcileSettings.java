package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.github.DurationText;
import java.time.Duration;

/**
 * Configuration section {@code reconcile}. Every field is optional; durations are written
 * {@code 60s}, {@code 10m}, {@code 3d} or ISO-8601.
 *
 * @param interval how often each replica reconciles (default 60s)
 * @param bootTimeout an in-service instance without a runner, or with an offline idle runner,
 *     for this long is retired (default 10m)
 * @param staleQueuedAfter a job queued in the ledger this long is checked on GitHub (default 5m)
 * @param maxRetries re-runs of a job after spot interruptions, per workflow run (default 2)
 * @param redeliveryWindow how far back failed webhook deliveries are looked for (default 3d,
 *     GitHub keeps deliveries for 3 days)
 * @param maxRedeliveriesPerCycle redelivery requests per cycle (default 20)
 * @param maxJobChecksPerCycle GET job calls per cycle (default 20)
 */
public record ReconcileSettings(
    String interval,
    String bootTimeout,
    String staleQueuedAfter,
    Integer maxRetries,
    String redeliveryWindow,
    Integer maxRedeliveriesPerCycle,
    Integer maxJobChecksPerCycle) {

  public ReconcileSettings {
    maxRetries = maxRetries == null ? 2 : maxRetries;
    maxRedeliveriesPerCycle = maxRedeliveriesPerCycle == null ? 20 : maxRedeliveriesPerCycle;
    maxJobChecksPerCycle = maxJobChecksPerCycle == null ? 20 : maxJobChecksPerCycle;
    atLeastZero(maxRetries, "reconcile.maxRetries");
    atLeastZero(maxRedeliveriesPerCycle, "reconcile.maxRedeliveriesPerCycle");
    atLeastZero(maxJobChecksPerCycle, "reconcile.maxJobChecksPerCycle");
    // Validate now so a bad value stops start-up with the key named.
    DurationText.parse(interval, null, "reconcile.interval");
    DurationText.parse(bootTimeout, null, "reconcile.bootTimeout");
    DurationText.parse(staleQueuedAfter, null, "reconcile.staleQueuedAfter");
    DurationText.parse(redeliveryWindow, null, "reconcile.redeliveryWindow");
  }

  private static void atLeastZero(int value, String key) {
    if (value < 0) {
      throw new IllegalArgumentException(key + ": must be >= 0");
    }
  }

  /** Every default. */
  public static ReconcileSettings defaults() {
    return new ReconcileSettings(null, null, null, null, null, null, null);
  }

  public Duration intervalDuration() {
    return DurationText.parse(interval, Duration.ofSeconds(60), "reconcile.interval");
  }

  public Duration bootTimeoutDuration() {
    return DurationText.parse(bootTimeout, Duration.ofMinutes(10), "reconcile.bootTimeout");
  }

  public Duration staleQueuedAfterDuration() {
    return DurationText.parse(staleQueuedAfter, Duration.ofMinutes(5), "reconcile.staleQueuedAfter");
  }

  public Duration redeliveryWindowDuration() {
    return DurationText.parse(redeliveryWindow, Duration.ofDays(3), "reconcile.redeliveryWindow");
  }
}
