package dev.hangar.gateway.domain;

/**
 * Configured warm pool of a warm tier.
 *
 * @param size pre-initialized instances kept in the pool (outside working-hour schedules)
 * @param state what the instances wait in: stopped (EBS cost only), hibernated or running
 */
public record WarmPoolConfig(Integer size, WarmState state) {
  /** Warm pool size when a warm tier does not say; chosen with the simulator (docs/scaling.md). */
  public static final int DEFAULT_SIZE = 4;

  public WarmPoolConfig {
    size = size == null ? DEFAULT_SIZE : size;
    state = state == null ? WarmState.STOPPED : state;
    if (size < 0) {
      throw new IllegalArgumentException("size: must be >= 0");
    }
  }

  /** The default warm pool: {@value #DEFAULT_SIZE} stopped instances. */
  public static WarmPoolConfig defaults() {
    return new WarmPoolConfig(null, null);
  }
}
