package dev.hangar.gateway.domain;

import java.util.Objects;

/**
 * One Auto Scaling group of a pool.
 *
 * @param asg the Auto Scaling group name
 * @param kind warm (on-demand with warm pool) or spot
 */
public record Tier(String asg, TierKind kind) {
  public Tier {
    Objects.requireNonNull(asg, "asg");
    Objects.requireNonNull(kind, "kind");
  }
}
