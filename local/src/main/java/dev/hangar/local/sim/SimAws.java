package dev.hangar.local.sim;

import dev.hangar.gateway.port.Fleet;
import dev.hangar.local.sim.SimInstance.CostClass;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated EC2 Auto Scaling behind the {@link Fleet} port, on a virtual clock. Follows the
 * documented Auto Scaling behaviour that moto does not model:
 *
 * <ul>
 *   <li>desired capacity counts Pending and InService instances; raising it takes instances
 *       from the warm pool first (warm start: Stopped/Hibernated/Running → Pending), then cold
 *       launches; lowering it terminates only instances not protected from scale-in;
 *   <li>warm pool size is {@code max(MinSize, MaxGroupPreparedCapacity - desired)} (max size
 *       when MaxGroupPreparedCapacity is -1); new warm instances go {@code Warmed:Pending →
 *       Warmed:Pending:Wait} (launch hook, warm-up) {@code → Warmed:Pending:Proceed →
 *       Warmed:Stopped} (or Hibernated/Running);
 *   <li>launch lifecycle hooks hold instances in {@code Pending:Wait} until
 *       CompleteLifecycleAction or the heartbeat timeout (ABANDON terminates);
 *   <li>spot groups: interruptions with a two-minute notice, capacity errors as failed
 *       scaling activities (launch retried later); no warm pool;
 *   <li>per-second billing: running states at the instance price plus EBS, stopped instances
 *       EBS only, hibernated EBS plus the saved memory.
 * </ul>
 *
 * Every call completes synchronously (already-completed futures), so the real reconciler code
 * runs inline on the virtual clock.
 */
public final class SimAws implements Fleet {
  /** Hook name the simulated groups use for launches. */
  public static final String LAUNCH_HOOK = "hangar-launch";

  private final VirtualClock clock;
  private final SimParams params;
  private final SpotMarket spot;
  private final Map<String, SimGroup> groups = new LinkedHashMap<>();
  private final Map<String, SimInstance> instances = new HashMap<>();
  private final List<Listener> listeners = new ArrayList<>();
  private long nextId = 0x0a1b2c3d4e5f6000L;

  /** Hears about instance transitions (the simulated agent and the metrics). */
  public interface Listener {
    /** The instance entered {@code state}. */
    void onState(SimInstance instance, String state);

    /** A spot interruption notice for the instance (termination follows after the notice). */
    default void onSpotNotice(SimInstance instance) {}
  }

  /** A simulated Auto Scaling service on {@code clock}. */
  public SimAws(VirtualClock clock, SimParams params) {
    this.clock = clock;
    this.params = params;
    this.spot = new SpotMarket(clock, params, this::reclaim, listeners);
  }

  /** Adds a listener. */
  public void listen(Listener l) {
    listeners.add(l);
  }

  /** Creates a group (on-demand or spot) of a pool. */
  SimGroup createGroup(
      String asg, String pool, String tierLabel, boolean spot, int maxSize) {
    SimGroup g =
        new SimGroup(
            asg, pool, tierLabel, spot, params.typeOf(asg), maxSize, clock.nowMs(),
            params.billingMinimumSeconds());
    groups.put(asg, g);
    return g;
  }

  /** Adds a group with an optional warm pool filled at once (for the demo and tests). */
  public void addGroup(String asg, String pool, boolean spot, int maxSize, WarmPoolSpec warm) {
    SimGroup g = createGroup(asg, pool, asg, spot, maxSize);
    if (warm != null) {
      g.warmPool = warm;
      prefillWarmPool(g);
    }
  }

  /** All groups, in creation order. */
  List<SimGroup> groups() {
    return new ArrayList<>(groups.values());
  }

  SimGroup group(String asg) {
    return groups.get(asg);
  }

  /** Fills the warm pool at once, as a long-running deployment would have it at the start. */
  void prefillWarmPool(SimGroup g) {
    int target = g.warmTarget();
    String rest = g.restingState();
    while (g.warmCount() < target) {
      SimInstance i = newInstance(g);
      transition(i, rest, rest.equals("Warmed:Running") ? CostClass.RUNNING : CostClass.ofResting(rest));
    }
  }

  // ---- Fleet port ----

  @Override
  public Future<GroupState> describe(String asg) {
    SimGroup g = groups.get(asg);
    if (g == null) {
      return Future.failedFuture(new IllegalArgumentException("no such group: " + asg));
    }
    List<InstanceInfo> infos = new ArrayList<>(g.instances.size());
    for (SimInstance i : g.instances) {
      infos.add(i.info());
    }
    WarmPoolState warm =
        g.warmPool == null
            ? null
            : new WarmPoolState(
                g.warmPool.minSize(),
                g.warmPool.maxGroupPreparedCapacity(),
                g.warmPool.poolState(),
                g.warmCount());
    return Future.succeededFuture(new GroupState(asg, 0, g.maxSize, g.desired, infos, warm));
  }

  @Override
  public Future<Void> setDesiredCapacity(String asg, int desired) {
    SimGroup g = groups.get(asg);
    if (g == null) {
      return Future.failedFuture(new IllegalArgumentException("no such group: " + asg));
    }
    // As AwsFleet does: the port keeps desired capacity within the group's bounds.
    g.desired = Math.max(0, Math.min(g.maxSize, desired));
    converge(g);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> putWarmPool(String asg, WarmPoolSpec spec) {
    SimGroup g = groups.get(asg);
    if (g == null) {
      return Future.failedFuture(new IllegalArgumentException("no such group: " + asg));
    }
    if (g.spot) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "ValidationError: warm pools are not supported on groups with spot instances"));
    }
    g.warmPool = spec;
    converge(g);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> setInstanceProtection(
      String asg, Collection<String> instanceIds, boolean protect) {
    for (String id : instanceIds) {
      SimInstance i = instances.get(id);
      if (i != null) {
        i.protectedFromScaleIn = protect;
        i.invalidate();
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> terminateInstance(String instanceId, boolean decrementDesired) {
    SimInstance i = instances.get(instanceId);
    if (i == null) {
      return Future.failedFuture(
          new IllegalArgumentException("ValidationError: instance " + instanceId + " not found"));
    }
    SimGroup g = i.group;
    // As on AWS through AwsFleet: only a desired capacity that still counts this instance drops.
    if (decrementDesired && i.inGroup() && g.desired >= g.liveCount()) {
      g.desired = Math.max(0, g.desired - 1);
    }
    terminate(i);
    converge(g);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> completeLifecycleAction(
      String asg, String hookName, String instanceId, String result) {
    SimInstance i = instances.get(instanceId);
    if (i == null || !i.state.endsWith(":Wait")) {
      return Future.failedFuture(new NoLifecycleAction(instanceId));
    }
    if ("ABANDON".equals(result)) {
      terminate(i);
      converge(i.group);
    } else if (i.state.equals("Pending:Wait")) {
      transition(i, "InService", CostClass.RUNNING);
    } else {
      transition(i, "Warmed:Pending:Proceed", CostClass.RUNNING);
      String rest = i.group.restingState();
      if (rest.equals("Warmed:Running")) {
        transition(i, rest, CostClass.RUNNING);
      } else {
        step(i, params.stopSeconds(), () -> transition(i, rest, CostClass.ofResting(rest)));
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> tagInstance(String instanceId, Map<String, String> tags) {
    return Future.succeededFuture();
  }

  @Override
  public Future<InstanceInfo> instance(String instanceId) {
    SimInstance i = instances.get(instanceId);
    return Future.succeededFuture(i == null ? null : i.info());
  }

  @Override
  public Future<List<ScalingFailure>> failuresSince(String asg, Instant since) {
    SimGroup g = groups.get(asg);
    List<ScalingFailure> out = new ArrayList<>();
    if (g != null) {
      for (ScalingFailure f : g.failures) {
        if (!f.at().isBefore(since)) {
          out.add(f);
        }
      }
    }
    return Future.succeededFuture(out);
  }

  // ---- Auto Scaling behaviour ----

  private void converge(SimGroup g) {
    int live = g.liveCount();
    while (live < g.desired) {
      SimInstance warm = g.pickWarm();
      if (warm != null) {
        warmStart(warm);
      } else if (!coldLaunch(g)) {
        break;
      }
      live++;
    }
    if (live > g.desired) {
      // Scale in: only instances not protected from scale-in, newest first.
      for (int k = g.instances.size() - 1; k >= 0 && live > g.desired; k--) {
        SimInstance i = g.instances.get(k);
        if (i.inGroup() && !i.protectedFromScaleIn) {
          terminate(i);
          live--;
        }
      }
    }
    int target = g.warmTarget();
    int warm = g.warmCount();
    while (warm < target) {
      SimInstance i = newInstance(g);
      transition(i, "Warmed:Pending", CostClass.RUNNING);
      step(i, params.coldBootSeconds(), () -> enterHook(i, "Warmed:Pending:Wait"));
      warm++;
    }
    for (int k = g.instances.size() - 1; k >= 0 && warm > target; k--) {
      SimInstance i = g.instances.get(k);
      if (i.inWarmPool()) {
        terminate(i);
        warm--;
      }
    }
  }

  private void warmStart(SimInstance i) {
    double latency =
        switch (i.state) {
          case "Warmed:Hibernated" -> params.resumeFromHibernatedSeconds();
          case "Warmed:Running" -> params.startFromWarmRunningSeconds();
          default -> params.startFromStoppedSeconds();
        };
    i.group.launches++;
    i.group.warmStarts++;
    i.launchMs = clock.nowMs();
    i.launchInstant = clock.now();
    transition(i, "Pending", CostClass.RUNNING);
    step(i, latency, () -> enterHook(i, "Pending:Wait"));
  }

  private boolean coldLaunch(SimGroup g) {
    if (g.spot && spot.capacityErrorAt(clock.nowMs())) {
      g.capacityErrors++;
      g.failures.addLast(
          new ScalingFailure(
              g.asg, clock.now(), "Failed",
              "Could not launch Spot Instances. InsufficientInstanceCapacity"));
      while (g.failures.size() > 200) {
        g.failures.removeFirst();
      }
      if (!g.retryScheduled) {
        g.retryScheduled = true;
        clock.after(
            params.launchRetrySeconds(),
            () -> {
              g.retryScheduled = false;
              converge(g);
            });
      }
      return false;
    }
    SimInstance i = newInstance(g);
    g.launches++;
    g.coldLaunches++;
    transition(i, "Pending", CostClass.RUNNING);
    step(i, params.coldBootSeconds(), () -> enterHook(i, "Pending:Wait"));
    if (g.spot) {
      spot.scheduleInterruption(i);
    }
    return true;
  }

  private void enterHook(SimInstance i, String waitState) {
    transition(i, waitState, CostClass.RUNNING);
    int gen = i.generation;
    clock.after(
        params.hookTimeoutSeconds(),
        () -> {
          if (i.generation == gen && i.alive()) {
            terminate(i); // heartbeat timeout, default result ABANDON
            converge(i.group);
          }
        });
  }

  private SimInstance newInstance(SimGroup g) {
    SimInstance i = new SimInstance(String.format("i-%017x", nextId++), g);
    i.state = "New";
    i.launchMs = clock.nowMs();
    i.launchInstant = clock.now();
    g.instances.add(i);
    instances.put(i.id, i);
    return i;
  }

  private void terminate(SimInstance i) {
    if (!i.alive()) {
      return;
    }
    i.group.instances.remove(i);
    instances.remove(i.id);
    transition(i, "Terminated", CostClass.NONE);
  }

  private void transition(SimInstance i, String state, CostClass cost) {
    i.generation++;
    i.state = state;
    i.invalidate();
    if (i.cost != cost) {
      i.group.bill(i, cost, clock.nowMs());
    }
    for (Listener l : listeners) {
      l.onState(i, state);
    }
  }

  /** Runs {@code next} after {@code seconds} unless the instance moved on meanwhile. */
  private void step(SimInstance i, double seconds, Runnable next) {
    int gen = i.generation;
    clock.after(
        seconds,
        () -> {
          if (i.generation == gen && i.alive()) {
            next.run();
          }
        });
  }

  /** AWS reclaims a spot instance; desired is unchanged, so the group replaces it. */
  private void reclaim(SimInstance i) {
    terminate(i);
    converge(i.group);
  }
}
