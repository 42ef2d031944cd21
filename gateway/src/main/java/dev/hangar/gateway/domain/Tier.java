package dev.hangar.gateway.domain;

import java.util.Objects;

/**
 * One Auto Scaling group of a pool.
 *
 * @param asg the Auto Scaling group name
 * @param kind warm (on-demand with warm pool) or spot
 * @param weight share of new cold-launched capacity this tier gets relative to the pool's other
 *     tiers; 0 = no cold launches except as a fallback (spot breaker open, or no other tier).
 *     Default: 1 for spot, 0 for warm, so cold capacity goes to cheap spot while a warm tier
 *     serves urgent jobs from its warm pool
 * @param warmPool the warm pool of a warm tier (defaulted); always null on spot tiers, where
 *     AWS allows no warm pool
 */
public record Tier(String asg, TierKind kind, Integer weight, WarmPoolConfig warmPool) {
  public Tier {
    Objects.requireNonNull(asg, "asg");
    Objects.requireNonNull(kind, "kind");
    weight = weight == null ? (kind == TierKind.SPOT ? 1 : 0) : weight;
    if (weight < 0) {
      throw new IllegalArgumentException("weight: must be >= 0");
    }
    if (kind == TierKind.SPOT && warmPool != null) {
      throw new IllegalArgumentException("warmPool: AWS allows no warm pool on a spot group");
    }
    if (kind == TierKind.WARM && warmPool == null) {
      warmPool = WarmPoolConfig.defaults();
    }
  }

  /** A tier with default weight and warm pool. */
  public Tier(String asg, TierKind kind) {
    this(asg, kind, null, null);
  }
}
