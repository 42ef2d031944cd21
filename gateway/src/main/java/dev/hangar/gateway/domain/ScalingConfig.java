package dev.hangar.gateway.domain;

import java.util.List;

/**
 * The scaling knobs of a pool (YAML {@code pools[].scaling}); every field has a default, chosen
 * with the simulator and documented in docs/scaling.md.
 *
 * @param idleTimeoutSeconds an idle runner beyond the pool's needs is retired after this long
 * @param bootTimeoutSeconds an instance without an online runner this long after launch is
 *     replaced
 * @param maxLaunchesPerMinute scale-up rate limit: instances started (cold or from the warm
 *     pool) per minute across the pool's tiers
 * @param arrivalBufferMinutes keep at least this many minutes of recent job arrivals as idle
 *     runners (on top of nothing: the buffer is {@code max(minIdle, rate x minutes)}); 0 = off
 * @param spotBreaker the spot circuit breaker
 * @param schedules time windows that change {@code minIdle} and warm pool size
 * @param warmStartLeadSeconds a cold launch booting at least this long is about as close to an
 *     online runner as a warm start would be (expected cold boot minus warm start, 50 - 20 s),
 *     so a queued job waits for it instead of taking a warm pool instance
 */
public record ScalingConfig(
    Integer idleTimeoutSeconds,
    Integer bootTimeoutSeconds,
    Integer maxLaunchesPerMinute,
    Double arrivalBufferMinutes,
    SpotBreakerConfig spotBreaker,
    List<Schedule> schedules,
    Integer warmStartLeadSeconds) {
  public ScalingConfig {
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 120 : idleTimeoutSeconds;
    bootTimeoutSeconds = bootTimeoutSeconds == null ? 600 : bootTimeoutSeconds;
    maxLaunchesPerMinute = maxLaunchesPerMinute == null ? 1000 : maxLaunchesPerMinute;
    arrivalBufferMinutes = arrivalBufferMinutes == null ? 4.0 : arrivalBufferMinutes;
    spotBreaker = spotBreaker == null ? SpotBreakerConfig.defaults() : spotBreaker;
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    warmStartLeadSeconds = warmStartLeadSeconds == null ? 30 : warmStartLeadSeconds;
    if (arrivalBufferMinutes < 0) {
      throw new IllegalArgumentException("arrivalBufferMinutes: must be >= 0");
    }
    if (idleTimeoutSeconds < 0) {
      throw new IllegalArgumentException("idleTimeoutSeconds: must be >= 0");
    }
    if (bootTimeoutSeconds < 1) {
      throw new IllegalArgumentException("bootTimeoutSeconds: must be >= 1");
    }
    if (maxLaunchesPerMinute < 1) {
      throw new IllegalArgumentException("maxLaunchesPerMinute: must be >= 1");
    }
  }

  /** Knobs with the default warm start lead. */
  public ScalingConfig(
      Integer idleTimeoutSeconds,
      Integer bootTimeoutSeconds,
      Integer maxLaunchesPerMinute,
      Double arrivalBufferMinutes,
      SpotBreakerConfig spotBreaker,
      List<Schedule> schedules) {
    this(idleTimeoutSeconds, bootTimeoutSeconds, maxLaunchesPerMinute, arrivalBufferMinutes,
        spotBreaker, schedules, null);
  }

  /** All defaults. */
  public static ScalingConfig defaults() {
    return new ScalingConfig(null, null, null, null, null, null, null);
  }
}
