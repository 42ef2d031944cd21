package dev.hangar.gateway.domain;

import java.util.List;

/**
 * One tier's group as observed now.
 *
 * @param tier the configured tier
 * @param desiredCapacity the group's current desired capacity
 * @param instances the group's instances, including its warm pool
 */
public record TierObservation(Tier tier, int desiredCapacity, List<InstanceView> instances) {
  public TierObservation {
    instances = List.copyOf(instances);
  }

  /** Instances counted as supply: booting, idle or busy. */
  public int live() {
    int n = 0;
    for (InstanceView i : instances) {
      if (isLive(i.state())) {
        n++;
      }
    }
    return n;
  }

  /** Instances of the given state. */
  public int count(RunnerState state) {
    int n = 0;
    for (InstanceView i : instances) {
      if (i.state() == state) {
        n++;
      }
    }
    return n;
  }

  /** True for states that count as supply. */
  public static boolean isLive(RunnerState s) {
    return s == RunnerState.BOOTING || s == RunnerState.IDLE || s == RunnerState.BUSY;
  }
}
