package dev.hangar.gateway.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * An EC2 Auto Scaling lifecycle state, parsed once from AWS's name where an adapter reads it, so
 * that the rest of the gateway asks questions instead of comparing strings.
 */
public enum InstanceLifecycle {
  PENDING("Pending", Phase.PENDING),
  PENDING_WAIT("Pending:Wait", Phase.PENDING),
  PENDING_PROCEED("Pending:Proceed", Phase.PENDING),
  QUARANTINED("Quarantined", Phase.QUARANTINED),
  IN_SERVICE("InService", Phase.IN_SERVICE),
  REPLACING_ROOT_VOLUME("ReplacingRootVolume", Phase.ROOT_VOLUME),
  REPLACING_ROOT_VOLUME_WAIT("ReplacingRootVolume:Wait", Phase.ROOT_VOLUME),
  REPLACING_ROOT_VOLUME_PROCEED("ReplacingRootVolume:Proceed", Phase.ROOT_VOLUME),
  ROOT_VOLUME_REPLACED("RootVolumeReplaced", Phase.ROOT_VOLUME),
  ENTERING_STANDBY("EnteringStandby", Phase.STANDBY),
  STANDBY("Standby", Phase.STANDBY),
  TERMINATING("Terminating", Phase.LEAVING),
  TERMINATING_WAIT("Terminating:Wait", Phase.LEAVING),
  TERMINATING_PROCEED("Terminating:Proceed", Phase.LEAVING),
  TERMINATING_RETAINED("Terminating:Retained", Phase.LEAVING),
  TERMINATED("Terminated", Phase.LEAVING),
  DETACHING("Detaching", Phase.LEAVING),
  DETACHED("Detached", Phase.LEAVING),
  WARMED_PENDING("Warmed:Pending", Phase.WARMING),
  WARMED_PENDING_WAIT("Warmed:Pending:Wait", Phase.WARMING),
  WARMED_PENDING_PROCEED("Warmed:Pending:Proceed", Phase.WARMING),
  WARMED_PENDING_RETAINED("Warmed:Pending:Retained", Phase.WARMING),
  WARMED_STOPPED("Warmed:Stopped", Phase.WARM),
  WARMED_RUNNING("Warmed:Running", Phase.WARM),
  WARMED_HIBERNATED("Warmed:Hibernated", Phase.WARM),
  WARMED_TERMINATING("Warmed:Terminating", Phase.WARM_LEAVING),
  WARMED_TERMINATING_WAIT("Warmed:Terminating:Wait", Phase.WARM_LEAVING),
  WARMED_TERMINATING_PROCEED("Warmed:Terminating:Proceed", Phase.WARM_LEAVING),
  WARMED_TERMINATING_RETAINED("Warmed:Terminating:Retained", Phase.WARM_LEAVING),
  WARMED_TERMINATED("Warmed:Terminated", Phase.WARM_LEAVING),
  /** A state AWS added after this code was written (or none given). */
  UNKNOWN("Unknown", Phase.UNKNOWN);

  /** Coarse grouping the questions below are answered from. */
  private enum Phase {
    PENDING, QUARANTINED, IN_SERVICE, ROOT_VOLUME, STANDBY, LEAVING, WARMING, WARM, WARM_LEAVING,
    UNKNOWN
  }

  private static final Map<String, InstanceLifecycle> BY_NAME = new HashMap<>();

  static {
    for (InstanceLifecycle l : values()) {
      if (l != UNKNOWN) {
        BY_NAME.put(l.awsName, l);
      }
    }
  }

  private final String awsName;
  private final Phase phase;

  InstanceLifecycle(String awsName, Phase phase) {
    this.awsName = awsName;
    this.phase = phase;
  }

  /** The state named as AWS names it (case-sensitive, as AWS sends it); UNKNOWN otherwise. */
  public static InstanceLifecycle parse(String awsName) {
    return awsName == null ? UNKNOWN : BY_NAME.getOrDefault(awsName, UNKNOWN);
  }

  /** AWS's name of the state, e.g. {@code Warmed:Stopped}; {@code Unknown} for UNKNOWN. */
  public String awsName() {
    return awsName;
  }

  /** In service: the only state in which a runner may register and take jobs. */
  public boolean inService() {
    return phase == Phase.IN_SERVICE;
  }

  /** Launching into the group ({@code Pending}, {@code Pending:Wait|Proceed}). */
  public boolean pending() {
    return phase == Phase.PENDING;
  }

  /** Any {@code Warmed:*} state. */
  public boolean inWarmPool() {
    return phase == Phase.WARMING || phase == Phase.WARM || phase == Phase.WARM_LEAVING;
  }

  /** Launched into the warm pool and still initializing ({@code Warmed:Pending*}). */
  public boolean warming() {
    return phase == Phase.WARMING;
  }

  /** Waiting in the warm pool, ready to enter the group ({@code Warmed:Stopped|Running|Hibernated}). */
  public boolean warm() {
    return phase == Phase.WARM;
  }

  /** Entering or in standby: kept by the group, but taken out of service by an operator. */
  public boolean standby() {
    return phase == Phase.STANDBY;
  }

  /** Terminating, terminated, detaching or detached, from the group or its warm pool. */
  public boolean leaving() {
    return phase == Phase.LEAVING || phase == Phase.WARM_LEAVING;
  }

  /**
   * Whether the group's desired capacity counts an instance in this state. Standby instances are
   * not: EnterStandby either lowers desired capacity or launches a replacement, and ExitStandby
   * raises it again (Auto Scaling API reference, EnterStandby and ExitStandby). Leaving instances
   * are on their way out, warm-pool instances are outside it. An unknown state is counted, so that
   * a new AWS state never makes desired capacity look already lowered.
   */
  public boolean countsTowardDesired() {
    return switch (phase) {
      case PENDING, QUARANTINED, IN_SERVICE, ROOT_VOLUME, UNKNOWN -> true;
      case STANDBY, LEAVING, WARMING, WARM, WARM_LEAVING -> false;
    };
  }
}
