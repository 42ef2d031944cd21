package dev.hangar.gateway.domain;

import dev.hangar.gateway.domain.ScalePlan.TierPlan;
import java.util.List;

/**
 * The first, simplest scaling policy: the pool wants one instance per queued or running job
 * plus {@code minIdle}, at most {@code maxRunners}, all in its first tier. It neither sizes warm
 * pools nor retires instances (the plan leaves both empty); the reconciler keeps the value
 * inside the group's own minimum and maximum. {@link ScalingPolicy} is the full policy.
 */
public final class DemandPolicy {

  /** The plan for one pool. */
  public ScalePlan plan(ScalingInput in) {
    Pool pool = in.pool();
    int demand = Math.max(0, in.queuedJobs()) + Math.max(0, in.runningJobs()) + Math.max(0, pool.minIdle());
    int target = Math.max(0, Math.min(pool.maxRunners(), demand));
    List<TierPlan> tiers =
        pool.tiers().isEmpty()
            ? List.of()
            : List.of(new TierPlan(pool.tiers().get(0).asg(), target, null));
    return new ScalePlan(pool.name(), tiers, List.of(), target, pool.minIdle(), false);
  }
}
