package dev.hangar.gateway.observability;

import java.time.Duration;

/**
 * What the scaling pass records: {@code hangar.runners.launched}, {@code hangar.runners.retired},
 * {@code hangar.spot.breaker.open} and {@code hangar.job.pickup.seconds}.
 */
public interface ScalingMetrics {
  /** Records nothing. */
  ScalingMetrics NOOP = new ScalingMetrics() {
    @Override
    public void launched(String pool, String tier, int instances) {}

    @Override
    public void retired(String pool, String reason) {}

    @Override
    public void spotBreaker(String pool, boolean open) {}

    @Override
    public void pickup(String pool, Duration queuedToStarted) {}
  };

  /** Desired capacity of the tier's group raised by {@code instances}. */
  void launched(String pool, String tier, int instances);

  /** One instance retired; {@code reason} is the retirement reason in lower case. */
  void retired(String pool, String reason);

  /** Whether the pool's spot circuit breaker is open after the latest plan. */
  void spotBreaker(String pool, boolean open);

  /** A job seen running for the first time, with the time from queued to started. */
  void pickup(String pool, Duration queuedToStarted);
}
