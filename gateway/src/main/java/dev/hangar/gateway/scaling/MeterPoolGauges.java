package dev.hangar.gateway.scaling;

import dev.hangar.gateway.observability.HangarMeters;

/** Reports reconcile passes through Hangar's meters ({@code docs/metrics.md}). */
public final class MeterPoolGauges implements PoolGauges {
  private final HangarMeters meters;

  public MeterPoolGauges(HangarMeters meters) {
    this.meters = meters;
  }

  @Override
  public void jobs(String pool, long queued, long running) {
    meters.jobsQueued(pool, queued);
    meters.jobsRunning(pool, running);
  }

  @Override
  public void desired(String pool, String tier, long desired) {
    meters.scalingDesired(pool, tier, desired);
  }
}
