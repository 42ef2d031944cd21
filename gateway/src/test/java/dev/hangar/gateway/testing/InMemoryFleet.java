package dev.hangar.gateway.testing;

import dev.hangar.gateway.domain.GroupBounds;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory Auto Scaling the gateway's tests share, for what moto does not model (warm-pool
 * lifecycle states, pending lifecycle actions) or where a thousand moto launches would only be
 * slow. Follows the {@link Fleet} rules ({@link FleetContract} checks them): desired capacity
 * stays within the group's bounds; terminating with decrement lowers it only while it still
 * counts the instance and never below the minimum; completing a lifecycle action that is not
 * pending fails with {@link Fleet.NoLifecycleAction}. It launches nothing by itself: tests place
 * instances with {@link #add}. Every call that changes something is recorded in {@link #calls}.
 */
public final class InMemoryFleet implements Fleet {
  /** Bounds of a group that was first seen through {@link #add}. */
  public static final GroupBounds DEFAULT_BOUNDS = new GroupBounds(0, 10);

  public final Map<String, InstanceInfo> instances = new ConcurrentHashMap<>();
  public final Map<String, Integer> desired = new ConcurrentHashMap<>();
  public final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  public final Map<String, String> pendingHook = new ConcurrentHashMap<>();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  private static final AtomicLong LAUNCHED = new AtomicLong(0xf00000L);
  private final Map<String, GroupBounds> groups = new ConcurrentHashMap<>();
  private final Map<String, WarmPoolSpec> warmPools = new ConcurrentHashMap<>();
  private final java.util.Set<String> alwaysPending = ConcurrentHashMap.newKeySet();

  /** Declares a group with these bounds, launching its minimum of InService instances as AWS does. */
  public InMemoryFleet group(String asg, int min, int max) {
    groups.put(asg, new GroupBounds(min, max));
    desired.put(asg, 0);
    for (int k = 0; k < min; k++) {
      add(asg, String.format("i-%017x", LAUNCHED.incrementAndGet()), "InService", false, Instant.now());
    }
    return this;
  }

  /** Adds an instance in the state AWS names {@code lifecycleState}, parsed as the adapter does. */
  public void add(String asg, String instanceId, String lifecycleState) {
    add(asg, instanceId, lifecycleState, false, Instant.now());
  }

  /**
   * Adds an instance, as the group would launch it: one that counts toward desired capacity
   * raises it by one (a warm pool instance does not).
   */
  public void add(String asg, String instanceId, String lifecycleState, boolean protect, Instant launchTime) {
    if (groups.putIfAbsent(asg, DEFAULT_BOUNDS) == null) {
      desired.put(asg, DEFAULT_BOUNDS.minSize());
    }
    InstanceLifecycle lifecycle = InstanceLifecycle.parse(lifecycleState);
    instances.put(instanceId, new InstanceInfo(instanceId, asg, lifecycle, protect, "m7i.large", launchTime));
    if (lifecycle.countsTowardDesired()) {
      desired.merge(asg, 1, Integer::sum);
    }
  }

  /** The instance waits in {@code hook} until its lifecycle action is completed. */
  public void pending(String instanceId, String hook) {
    pendingHook.put(instanceId, hook);
  }

  /**
   * Every lifecycle action of the instance is pending, again after each completion: an instance
   * that a generated-request test keeps in {@code Pending:Wait} and {@code Terminating:Wait}.
   */
  public void alwaysPending(String instanceId) {
    alwaysPending.add(instanceId);
  }

  /** Instances of any group that are not leaving. */
  public long live() {
    return instances.values().stream().filter(i -> !i.lifecycle().leaving()).count();
  }

  @Override
  public Future<GroupState> describe(String asg) {
    GroupBounds b = groups.get(asg);
    if (b == null) {
      return Future.failedFuture(new NoSuchElementException("no Auto Scaling group " + asg));
    }
    List<InstanceInfo> in = instances.values().stream().filter(i -> i.asg().equals(asg)).toList();
    WarmPoolSpec w = warmPools.get(asg);
    WarmPoolState warm = w == null ? null : new WarmPoolState(w.minSize(), w.maxGroupPreparedCapacity(),
        w.poolState(), (int) in.stream().filter(i -> i.lifecycle().inWarmPool()).count());
    return Future.succeededFuture(new GroupState(asg, b.minSize(), b.maxSize(), desired.get(asg), in, warm));
  }

  @Override
  public Future<Void> setDesiredCapacity(String asg, int d) {
    calls.add("setDesiredCapacity " + asg + " " + d);
    GroupBounds b = groups.get(asg);
    if (b == null) {
      return Future.failedFuture(new NoSuchElementException("no Auto Scaling group " + asg));
    }
    desired.put(asg, b.clamp(d));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> putWarmPool(String asg, WarmPoolSpec spec) {
    calls.add("putWarmPool " + asg + " " + spec);
    if (!groups.containsKey(asg)) {
      return Future.failedFuture(new NoSuchElementException("no Auto Scaling group " + asg));
    }
    warmPools.put(asg, spec);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> setInstanceProtection(String asg, Collection<String> ids, boolean protect) {
    calls.add("setInstanceProtection " + asg + " " + ids + " " + protect);
    for (String id : ids) {
      InstanceInfo i = instances.get(id);
      if (i == null || !i.asg().equals(asg)) {
        return Future.failedFuture(new IllegalStateException("ValidationError: instance not in group"));
      }
    }
    for (String id : ids) {
      instances.computeIfPresent(id, (k, i) -> new InstanceInfo(
          k, i.asg(), i.lifecycle(), protect, i.instanceType(), i.launchTime()));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> terminateInstance(String instanceId, boolean decrementDesired) {
    calls.add("terminateInstance " + instanceId + " " + decrementDesired);
    InstanceInfo i = instances.get(instanceId);
    if (i == null) {
      return Future.failedFuture(new IllegalStateException("ValidationError: instance " + instanceId + " not found"));
    }
    if (i.lifecycle().leaving()) {
      return Future.succeededFuture();
    }
    if (decrementDesired && stillCounted(i.asg())) {
      desired.merge(i.asg(), -1, Integer::sum);
    }
    instances.put(instanceId, new InstanceInfo(
        instanceId, i.asg(), InstanceLifecycle.TERMINATING, i.protectedFromScaleIn(), i.instanceType(), i.launchTime()));
    return Future.succeededFuture();
  }

  /** True when desired capacity still counts one instance for each the group runs, above the minimum. */
  private boolean stillCounted(String asg) {
    long live = instances.values().stream()
        .filter(x -> x.asg().equals(asg) && x.lifecycle().countsTowardDesired())
        .count();
    int d = desired.getOrDefault(asg, 0);
    return d >= live && d > groups.get(asg).minSize();
  }

  @Override
  public Future<Void> completeLifecycleAction(String asg, String hookName, String instanceId, String result) {
    calls.add("completeLifecycleAction " + asg + " " + hookName + " " + instanceId + " " + result);
    InstanceInfo i = instances.get(instanceId);
    if (i != null && i.asg().equals(asg) && alwaysPending.contains(instanceId)) {
      return Future.succeededFuture();
    }
    if (i == null || !i.asg().equals(asg) || !hookName.equals(pendingHook.get(instanceId))) {
      return Future.failedFuture(new NoLifecycleAction(instanceId));
    }
    pendingHook.remove(instanceId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> tagInstance(String instanceId, Map<String, String> t) {
    calls.add("tagInstance " + instanceId + " " + new HashMap<>(t).keySet().stream().sorted().toList());
    tags.computeIfAbsent(instanceId, k -> new ConcurrentHashMap<>()).putAll(t);
    return Future.succeededFuture();
  }

  @Override
  public Future<InstanceInfo> instance(String instanceId) {
    return Future.succeededFuture(instances.get(instanceId));
  }

  @Override
  public Future<List<ScalingFailure>> failuresSince(String asg, Instant since) {
    return Future.succeededFuture(new ArrayList<>());
  }
}
