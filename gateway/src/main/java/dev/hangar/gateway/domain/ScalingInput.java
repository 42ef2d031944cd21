package dev.hangar.gateway.domain;

import java.time.Instant;
import java.util.List;

/**
 * Everything the scaling policy looks at for one pool.
 *
 * @param pool the pool's configuration
 * @param now the time of the decision
 * @param queuedJobs jobs of the pool waiting for a runner
 * @param runningJobs jobs of the pool in progress (for reporting; supply counts busy runners)
 * @param arrivalsPerMinute recent rate of new jobs of the pool (sizes the idle buffer)
 * @param tiers one observation per configured tier, in config order
 * @param spotTrouble recent spot interruption notices and capacity errors of the pool
 * @param forecastPerMinute arrivals per minute the pool's history forecasts now (0 = none);
 *     with {@code forecastWeeks} set it sizes the buffer and warm pool, the recent rate a floor
 * @param peakArrivalsPerMinute the highest recent rate of the last half hour: idle runners the
 *     buffer for it would hold are kept, so a lull between bursts does not retire them
 */
public record ScalingInput(
    Pool pool,
    Instant now,
    int queuedJobs,
    int runningJobs,
    double arrivalsPerMinute,
    List<TierObservation> tiers,
    List<Instant> spotTrouble,
    double forecastPerMinute,
    double peakArrivalsPerMinute) {
  public ScalingInput {
    tiers = List.copyOf(tiers);
    spotTrouble = List.copyOf(spotTrouble);
  }

  /** An input without a forecast, whose peak rate is the recent rate. */
  public ScalingInput(
      Pool pool,
      Instant now,
      int queuedJobs,
      int runningJobs,
      double arrivalsPerMinute,
      List<TierObservation> tiers,
      List<Instant> spotTrouble) {
    this(pool, now, queuedJobs, runningJobs, arrivalsPerMinute, tiers, spotTrouble, 0,
        arrivalsPerMinute);
  }
}
