package dev.hangar.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides from the recent spot trouble (interruption notices and capacity errors) whether the
 * spot circuit breaker is open. Stateless: the breaker opens at the instant the
 * {@code threshold}-th event falls within one window and stays open for {@code openMinutes}
 * after the latest event that completed such a window, so every replica computes the same
 * answer from the same history.
 */
public final class SpotBreaker {
  private SpotBreaker() {}

  /** How far back the history must reach for {@link #isOpen} to be exact. */
  public static Duration lookback(SpotBreakerConfig cfg) {
    return Duration.ofMinutes((long) cfg.windowMinutes() + cfg.openMinutes());
  }

  /** True when the breaker is open at {@code now}; events after {@code now} are ignored. */
  public static boolean isOpen(List<Instant> events, Instant now, SpotBreakerConfig cfg) {
    return openUntil(events, now, cfg) != null;
  }

  /** When the open breaker closes again, or null when it is closed at {@code now}. */
  public static Instant openUntil(List<Instant> events, Instant now, SpotBreakerConfig cfg) {
    Instant[] sorted =
        events.stream().filter(e -> !e.isAfter(now)).sorted().toArray(Instant[]::new);
    long window = cfg.windowMinutes() * 60_000L;
    long open = cfg.openMinutes() * 60_000L;
    Instant until = null;
    int lo = 0;
    for (int hi = 0; hi < sorted.length; hi++) {
      long hiMs = sorted[hi].toEpochMilli();
      while (hiMs - sorted[lo].toEpochMilli() >= window) {
        lo++;
      }
      if (hi - lo + 1 >= cfg.threshold()) {
        Instant closes = sorted[hi].plusMillis(open);
        if (closes.isAfter(now)) {
          until = closes;
        }
      }
    }
    return until;
  }
}
