package dev.hangar.gateway.config;

import java.time.Duration;

/**
 * How job events become pool sizes (YAML {@code poolLoop}): the job consumer's polling and the
 * pool loop's timing. Not to be confused with {@code pools[].scaling}, each pool's policy.
 *
 * @param debounceMillis a pool is reconciled this long after its first change (default 250), so
 *     a burst of events makes one set of AWS calls
 * @param periodSeconds every pool is reconciled this often even without events (default 30)
 * @param pollers concurrent SQS long-poll loops of the job consumer (default 2)
 * @param receiveWaitSeconds SQS long-poll wait, 0..20 (default 10); stopping the gateway waits
 *     at most this long for a pending poll, after the HTTP grace period, so the default keeps a
 *     stop well inside systemd's 30 s {@code TimeoutStopSec}
 * @param enabled false runs neither the consumer nor the reconciler (default true); for tests of
 *     the webhook alone, which read the queue themselves
 */
public record PoolLoopConfig(
    Integer debounceMillis,
    Integer periodSeconds,
    Integer pollers,
    Integer receiveWaitSeconds,
    Boolean enabled) {
  public PoolLoopConfig {
    enabled = enabled == null || enabled;
    debounceMillis = debounceMillis == null ? 250 : debounceMillis;
    periodSeconds = periodSeconds == null ? 30 : periodSeconds;
    pollers = pollers == null ? 2 : pollers;
    receiveWaitSeconds = receiveWaitSeconds == null ? 10 : receiveWaitSeconds;
    if (debounceMillis < 0) {
      throw new IllegalArgumentException("poolLoop.debounceMillis: must be >= 0");
    }
    if (periodSeconds < 1) {
      throw new IllegalArgumentException("poolLoop.periodSeconds: must be >= 1");
    }
    if (pollers < 1 || pollers > 16) {
      throw new IllegalArgumentException("poolLoop.pollers: must be 1..16");
    }
    if (receiveWaitSeconds < 0 || receiveWaitSeconds > 20) {
      throw new IllegalArgumentException("poolLoop.receiveWaitSeconds: must be 0..20 (SQS's limit)");
    }
  }

  /** All defaults. */
  public static PoolLoopConfig defaults() {
    return new PoolLoopConfig(null, null, null, null, null);
  }

  /** The debounce as a duration. */
  public Duration debounce() {
    return Duration.ofMillis(debounceMillis);
  }

  /** The period as a duration. */
  public Duration period() {
    return Duration.ofSeconds(periodSeconds);
  }
}
