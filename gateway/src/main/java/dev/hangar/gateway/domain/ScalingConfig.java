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
 * @param maxJobsPerRunner jobs one instance takes before it retires (1..100, default 1 =
 *     ephemeral); above 1 the agent fetches a fresh JIT runner for the same instance after each
 *     job and cleans the work directory, so state can leak between jobs: only for trusted
 *     private repositories (docs/scaling.md)
 * @param forecastWeeks weeks of the pool's own arrival history (same weekday and hour) that
 *     size the idle buffer and the warm pool ahead of demand, the recent rate as a floor
 *     (0..8, default 0 = recent rate only)
 */
public record ScalingConfig(
    Integer idleTimeoutSeconds,
    Integer bootTimeoutSeconds,
    Integer maxLaunchesPerMinute,
    Double arrivalBufferMinutes,
    SpotBreakerConfig spotBreaker,
    List<Schedule> schedules,
    Integer warmStartLeadSeconds,
    Integer maxJobsPerRunner,
    Integer forecastWeeks) {
  /** The most jobs one instance may take ({@code maxJobsPerRunner}'s upper bound). */
  public static final int MAX_JOBS_PER_RUNNER = 100;

  public ScalingConfig {
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 120 : idleTimeoutSeconds;
    bootTimeoutSeconds = bootTimeoutSeconds == null ? 600 : bootTimeoutSeconds;
    maxLaunchesPerMinute = maxLaunchesPerMinute == null ? 1000 : maxLaunchesPerMinute;
    arrivalBufferMinutes = arrivalBufferMinutes == null ? 2.0 : arrivalBufferMinutes;
    spotBreaker = spotBreaker == null ? SpotBreakerConfig.defaults() : spotBreaker;
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    warmStartLeadSeconds = warmStartLeadSeconds == null ? 30 : warmStartLeadSeconds;
    maxJobsPerRunner = maxJobsPerRunner == null ? 1 : maxJobsPerRunner;
    forecastWeeks = forecastWeeks == null ? 0 : forecastWeeks;
    if (maxJobsPerRunner < 1 || maxJobsPerRunner > MAX_JOBS_PER_RUNNER) {
      throw new IllegalArgumentException("maxJobsPerRunner: must be 1..100 (1 = ephemeral)");
    }
    if (forecastWeeks < 0 || forecastWeeks > 8) {
      throw new IllegalArgumentException("forecastWeeks: must be 0..8 (0 = off)");
    }
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
        spotBreaker, schedules, null, null, null);
  }

  /** A copy with other reuse and forecast knobs. */
  public ScalingConfig withReuseAndForecast(int maxJobsPerRunner, int forecastWeeks) {
    return new ScalingConfig(idleTimeoutSeconds, bootTimeoutSeconds, maxLaunchesPerMinute,
        arrivalBufferMinutes, spotBreaker, schedules, warmStartLeadSeconds, maxJobsPerRunner,
        forecastWeeks);
  }

  /** All defaults. */
  public static ScalingConfig defaults() {
    return new ScalingConfig(null, null, null, null, null, null, null, null, null);
  }
}
