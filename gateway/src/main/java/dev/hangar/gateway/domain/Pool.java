package dev.hangar.gateway.domain;

import java.util.List;

/**
 * A runner pool: a set of labels served by one or more Auto Scaling group tiers.
 *
 * @param name unique pool name (also the SQS message group)
 * @param labels labels every runner of the pool carries; a job matches when its labels are a
 *     subset of these (case-insensitive)
 * @param maxRunners upper bound on instances across all tiers
 * @param minIdle idle runners kept ready, counted in jobs
 * @param tiers the pool's Auto Scaling groups, in order of preference
 * @param scaling the scaling knobs (defaulted when absent)
 */
public record Pool(
    String name,
    List<String> labels,
    int maxRunners,
    int minIdle,
    List<Tier> tiers,
    ScalingConfig scaling) {
  public Pool {
    labels = List.copyOf(labels);
    tiers = List.copyOf(tiers);
    scaling = scaling == null ? ScalingConfig.defaults() : scaling;
  }

  /**
   * How many jobs an instance of the group {@code asg} takes: {@code maxJobsPerRunner} on spot
   * tiers, one on on-demand (warm) tiers, whose next job is cheaper on a spot runner.
   */
  public int maxJobsOn(String asg) {
    for (Tier t : tiers) {
      if (t.asg().equals(asg) && t.kind() == TierKind.WARM) {
        return 1;
      }
    }
    return scaling.maxJobsPerRunner();
  }

  /** A pool with default scaling knobs. */
  public Pool(String name, List<String> labels, int maxRunners, int minIdle, List<Tier> tiers) {
    this(name, labels, maxRunners, minIdle, tiers, null);
  }
}
