package dev.hangar.local.sim;

import dev.hangar.gateway.port.Fleet.ScalingFailure;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** One simulated Auto Scaling group with its warm pool and billing meters. */
final class SimGroup {
  final String asg;
  final String pool;
  final String tierLabel;
  final boolean spot;
  final String instanceType;
  final int maxSize;
  int desired;
  WarmPoolSpec warmPool;
  final List<SimInstance> instances = new ArrayList<>();
  final Deque<ScalingFailure> failures = new ArrayDeque<>();
  boolean retryScheduled;
  long launches;
  long warmStarts;
  long coldLaunches;
  long capacityErrors;
  long interruptions;

  // Billing: instances per cost class and accumulated instance-seconds per class.
  final int[] perClass = new int[SimInstance.CostClass.values().length];
  final double[] seconds = new double[SimInstance.CostClass.values().length];
  private long lastAdvanceMs;
  /** Seconds billed beyond use: EC2's minimum per start for runs shorter than it. */
  double minimumTopUpSeconds;
  private final double minimumSeconds;

  SimGroup(
      String asg, String pool, String tierLabel, boolean spot, String instanceType, int maxSize,
      long startMs, double minimumSeconds) {
    this.minimumSeconds = minimumSeconds;
    this.asg = asg;
    this.pool = pool;
    this.tierLabel = tierLabel;
    this.spot = spot;
    this.instanceType = instanceType;
    this.maxSize = maxSize;
    this.lastAdvanceMs = startMs;
  }

  void advance(long nowMs) {
    if (nowMs > lastAdvanceMs) {
      double dt = (nowMs - lastAdvanceMs) / 1000.0;
      for (int c = 0; c < perClass.length; c++) {
        seconds[c] += perClass[c] * dt;
      }
      lastAdvanceMs = nowMs;
    }
  }

  void bill(SimInstance i, SimInstance.CostClass to, long nowMs) {
    advance(nowMs);
    boolean wasRunning = i.cost == SimInstance.CostClass.RUNNING;
    boolean running = to == SimInstance.CostClass.RUNNING;
    if (!wasRunning && running) {
      i.runningSinceMs = nowMs; // a launch or a start from the warm pool: a new billing start
    } else if (wasRunning && !running) {
      minimumTopUpSeconds += Math.max(0, minimumSeconds - (nowMs - i.runningSinceMs) / 1000.0);
    }
    perClass[i.cost.ordinal()]--;
    perClass[to.ordinal()]++;
    i.cost = to;
  }

  int liveCount() {
    int n = 0;
    for (SimInstance i : instances) {
      if (i.inGroup()) {
        n++;
      }
    }
    return n;
  }

  int warmCount() {
    int n = 0;
    for (SimInstance i : instances) {
      if (i.inWarmPool()) {
        n++;
      }
    }
    return n;
  }

  /** Warm instances AWS keeps: {@code max(MinSize, MaxGroupPreparedCapacity - desired)}. */
  int warmTarget() {
    if (warmPool == null) {
      return 0;
    }
    int maxPrepared =
        warmPool.maxGroupPreparedCapacity() < 0 ? maxSize : warmPool.maxGroupPreparedCapacity();
    return Math.max(warmPool.minSize(), maxPrepared - desired);
  }

  /** A warm-pool instance ready for a warm start, or null. */
  SimInstance pickWarm() {
    for (SimInstance i : instances) {
      String s = i.state;
      if (s.equals("Warmed:Stopped") || s.equals("Warmed:Hibernated") || s.equals("Warmed:Running")) {
        return i;
      }
    }
    return null;
  }

  /** The state warm instances rest in once warmed up. */
  String restingState() {
    String s = warmPool == null ? "Stopped" : warmPool.poolState();
    s = s == null || s.isEmpty() ? "Stopped" : s;
    return "Warmed:" + Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase();
  }
}
