package dev.hangar.gateway.github;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: retry {@code n} waits between half and all of
 * {@code min(max, base * 2^n)}, so replicas that failed together do not retry together.
 */
public record Backoff(Duration base, Duration max, DoubleSupplier random) {

  /** Delay before retry number {@code n} (0 for the first retry). */
  public Duration delay(int n) {
    long cap = base.toMillis() << Math.min(n, 20);
    cap = Math.min(cap <= 0 ? Long.MAX_VALUE : cap, max.toMillis());
    long half = cap / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (cap - half)));
  }
}
