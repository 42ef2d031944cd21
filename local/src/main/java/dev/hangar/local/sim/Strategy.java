package dev.hangar.local.sim;

/** How capacity is driven in a simulation run: Hangar's policy or one of the baselines. */
public enum Strategy {
  /** Hangar: the real ScalingPolicy through the real reconcile pass, ephemeral runners. */
  HANGAR("hangar"),
  /**
   * One cold instance per queued job after a delay, non-ephemeral runners retired by a
   * periodic scale-down once past a minimum running time (the Lambda-based Terraform module).
   */
  COLD_PER_JOB("cold-per-job"),
  /** A fixed always-on pool of on-demand runners. */
  FIXED_POOL("fixed-pool");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  /** The name used in reports. */
  public String label() {
    return label;
  }
}
