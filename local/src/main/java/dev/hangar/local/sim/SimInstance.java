package dev.hangar.local.sim;

import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import java.time.Instant;

/** One simulated EC2 instance of a simulated Auto Scaling group. */
final class SimInstance {
  final String id;
  final SimGroup group;
  String state;
  long launchMs;
  Instant launchInstant;
  boolean protectedFromScaleIn = true;
  CostClass cost = CostClass.NONE;
  long runningSinceMs;
  /** Jobs this instance's runners have taken (runner reuse). */
  int jobsRun;
  /** Bumped on every transition so that stale scheduled steps do nothing. */
  int generation;
  SimGitHub.SimRunner runner;
  boolean noticed;
  private InstanceInfo info;

  SimInstance(String id, SimGroup group) {
    this.id = id;
    this.group = group;
  }

  InstanceInfo info() {
    if (info == null) {
      info =
          new InstanceInfo(
              id, group.asg, InstanceLifecycle.parse(state), protectedFromScaleIn, group.instanceType, launchInstant);
    }
    return info;
  }

  void invalidate() {
    info = null;
  }

  boolean alive() {
    return !"Terminated".equals(state);
  }

  boolean inWarmPool() {
    return state.startsWith("Warmed:");
  }

  /** Pending or in service: counts toward desired capacity. */
  boolean inGroup() {
    return state.startsWith("Pending") || state.equals("InService");
  }

  /** How the instance is billed in its current state. */
  enum CostClass {
    NONE,
    RUNNING,
    STOPPED,
    HIBERNATED;

    /** How a warm instance resting in {@code state} is billed. */
    static CostClass ofResting(String state) {
      return switch (state) {
        case "Warmed:Hibernated" -> HIBERNATED;
        case "Warmed:Running" -> RUNNING;
        default -> STOPPED;
      };
    }
  }
}
