package dev.hangar.gateway.config;

import java.time.Duration;

/**
 * Configuration section {@code reconcile}. Every field is optional; durations are written
 * {@code 60s}, {@code 10m}, {@code 3d} or ISO-8601. How long an instance may take to register
 * is each pool's {@code pools[].scaling.bootTimeoutSeconds}, not a setting here.
 *
 * @param interval how often each replica reconciles (default 60s)
 * @param staleQueuedAfter a job queued in the ledger this long is checked on GitHub (default 5m)
 * @param maxRetries re-runs of a job after spot interruptions, per workflow run (default 2)
 * @param redeliveryWindow how far back failed webhook deliveries are looked for (default 3d,
 *     GitHub keeps deliveries for 3 days)
 * @param maxRedeliveriesPerCycle redelivery requests per cycle (default 20)
 * @param maxJobChecksPerCycle GET job calls per cycle (default 20)
 */
public record ReconcileConfig(
    Duration interval,
    Duration staleQueuedAfter,
    Integer maxRetries,
    Duration redeliveryWindow,
    Integer maxRedeliveriesPerCycle,
    Integer maxJobChecksPerCycle) {

  public ReconcileConfig {
    interval = interval == null ? Duration.ofSeconds(60) : interval;
    staleQueuedAfter = staleQueuedAfter == null ? Duration.ofMinutes(5) : staleQueuedAfter;
    maxRetries = maxRetries == null ? 2 : maxRetries;
    redeliveryWindow = redeliveryWindow == null ? Duration.ofDays(3) : redeliveryWindow;
    maxRedeliveriesPerCycle = maxRedeliveriesPerCycle == null ? 20 : maxRedeliveriesPerCycle;
    maxJobChecksPerCycle = maxJobChecksPerCycle == null ? 20 : maxJobChecksPerCycle;
    atLeastZero(maxRetries, "reconcile.maxRetries");
    atLeastZero(maxRedeliveriesPerCycle, "reconcile.maxRedeliveriesPerCycle");
    atLeastZero(maxJobChecksPerCycle, "reconcile.maxJobChecksPerCycle");
  }

  private static void atLeastZero(int value, String key) {
    if (value < 0) {
      throw new IllegalArgumentException(key + ": must be >= 0");
    }
  }

  /** Every default. */
  public static ReconcileConfig defaults() {
    return new ReconcileConfig(null, null, null, null, null, null);
  }
}
