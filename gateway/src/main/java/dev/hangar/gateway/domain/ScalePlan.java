package dev.hangar.gateway.domain;

import java.util.List;

/**
 * What one pool should look like now: the policy's answer, applied through the Fleet port.
 *
 * @param pool pool name
 * @param tiers per tier: desired capacity (after the retirements) and warm pool
 * @param retire instances to retire: delete the runner, then terminate with decrement
 * @param target instances the pool should have (busy + queued + idle buffer, capped)
 * @param minIdle the minIdle in effect (after schedules)
 * @param spotBreakerOpen whether new demand goes to on-demand tiers only
 */
public record ScalePlan(
    String pool,
    List<TierPlan> tiers,
    List<Retirement> retire,
    int target,
    int minIdle,
    boolean spotBreakerOpen) {
  public ScalePlan {
    tiers = List.copyOf(tiers);
    retire = List.copyOf(retire);
  }

  /** Desired capacity and warm pool of one tier. */
  public record TierPlan(String asg, int desiredCapacity, WarmPoolPlan warmPool) {}

  /** Warm pool settings ({@code PutWarmPool}); null on tiers without one. */
  public record WarmPoolPlan(int minSize, int maxGroupPreparedCapacity, WarmState state) {}

  /** One instance to retire and why. */
  public record Retirement(String instanceId, String asg, Reason reason) {}

  /** Why an instance is retired. */
  public enum Reason {
    /** Idle beyond the idle timeout and not needed. */
    IDLE,
    /** No runner online within the boot timeout. */
    BOOT_TIMEOUT
  }
}
