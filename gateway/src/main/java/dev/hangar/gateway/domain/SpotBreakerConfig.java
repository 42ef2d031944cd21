package dev.hangar.gateway.domain;

/**
 * The spot circuit breaker: {@code threshold} spot interruptions or capacity errors within
 * {@code windowMinutes} send new demand to on-demand tiers for {@code openMinutes}.
 */
public record SpotBreakerConfig(Integer threshold, Integer windowMinutes, Integer openMinutes) {
  public SpotBreakerConfig {
    threshold = threshold == null ? 3 : threshold;
    windowMinutes = windowMinutes == null ? 10 : windowMinutes;
    openMinutes = openMinutes == null ? 30 : openMinutes;
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold: must be >= 1");
    }
    if (windowMinutes < 1) {
      throw new IllegalArgumentException("windowMinutes: must be >= 1");
    }
    if (openMinutes < 0) {
      throw new IllegalArgumentException("openMinutes: must be >= 0");
    }
  }

  /** Defaults: 3 events within 10 minutes open the breaker for 30 minutes. */
  public static SpotBreakerConfig defaults() {
    return new SpotBreakerConfig(null, null, null);
  }
}
