package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.DemandPolicy;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.observability.PoolGauges;
import dev.hangar.gateway.observability.ScalingMetrics;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Runners;
import dev.hangar.gateway.port.Ledger;
import java.util.function.Function;

/**
 * Chooses the scaling pass once: the full pass needs GitHub's view of runners (idle, busy) and
 * retires through it; without one (no Runners App) the gateway scales on demand alone.
 */
public final class ScalingPasses {
  private ScalingPasses() {}

  /** The chosen pass and the latest plan per pool it made (null when it keeps none). */
  public record Choice(PoolPass pass, Function<String, ScalePlan> lastPlan) {}

  /** The full pass when {@code runners} is given, else the demand-only pass. */
  public static Choice choose(
      Ledger ledger,
      Fleet fleet,
      Runners runners,
      SpotInterruptions spot,
      PoolGauges gauges,
      ScalingMetrics metrics) {
    if (runners == null) {
      return new Choice(
          new DemandPass(ledger, fleet, new DemandPolicy()::plan, gauges), pool -> null);
    }
    ScalingPass pass = new ScalingPass(ledger, fleet, runners, spot, new ScalingPolicy(), metrics, gauges);
    return new Choice(pass, pool -> {
      PassResult last = pass.lastResults().get(pool);
      return last == null ? null : last.plan();
    });
  }
}
