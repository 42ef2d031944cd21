package dev.hangar.gateway.domain;

/** What an instance of a tier is doing, as the scaling policy sees it. */
public enum RunnerState {
  /** Launched into the warm pool and still initializing ({@code Warmed:Pending*}). */
  WARMING,
  /** Waiting in the warm pool ({@code Warmed:Stopped|Hibernated|Running}). */
  WARM,
  /** In the group (pending or in service) but no runner online yet. */
  BOOTING,
  /** Runner online and not running a job. */
  IDLE,
  /** Runner running a job: never retired by the policy. */
  BUSY,
  /** Outside the group's desired capacity (terminating, detaching, standby): no longer supply. */
  LEAVING;

  /**
   * The one reading of an instance's lifecycle state and its runner. Standby counts as leaving:
   * the group no longer counts the instance in its desired capacity, so counting it as supply
   * would ask AWS for one instance too many and time it out as a slow boot.
   */
  public static RunnerState of(InstanceLifecycle lifecycle, RunnerView runner) {
    if (lifecycle.warming()) {
      return WARMING;
    }
    if (lifecycle.warm()) {
      return WARM;
    }
    if (!lifecycle.countsTowardDesired()) {
      return LEAVING;
    }
    if (runner.busy()) {
      return BUSY;
    }
    if (lifecycle.inService() && runner.online()) {
      return IDLE;
    }
    return BOOTING;
  }
}
