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
    if (threshold < 1 || windowMinutes < 1 || openMinutes < 0) {
      throw new IllegalArgumentException(
          "spotBreaker: threshold and windowMinutes must be >= 1, openMinutes >= 0");
    }
  }

  /** Defaults: 3 events within 10 minutes open the breaker for 30 minutes. */
  public static SpotBreakerConfig defaults() {
    return new SpotBreakerConfig(null, null, null);
  }
}
