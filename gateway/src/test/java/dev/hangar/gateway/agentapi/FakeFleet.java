package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Auto Scaling double for what moto does not model: warm-pool lifecycle states and pending
 * lifecycle actions. It follows EC2 Auto Scaling: CompleteLifecycleAction fails with a
 * validation error unless the instance has a pending action for that hook in that group;
 * terminating with decrement lowers the desired capacity by one and moves the instance to
 * {@code Terminating}; protection and tags apply to known instances only. Records every call that
 * changes something, in {@link #calls}.
 */
class FakeFleet implements Fleet {
  final Map<String, InstanceInfo> instances = new ConcurrentHashMap<>();
  final Map<String, Integer> desired = new ConcurrentHashMap<>();
  final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  final Map<String, String> pendingHook = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** Adds an instance in the state AWS names {@code lifecycleState}, parsed as the adapter does. */
  void add(String asg, String instanceId, String lifecycleState) {
    instances.put(instanceId, new InstanceInfo(instanceId, asg, InstanceLifecycle.parse(lifecycleState), false, "m7i.large", Instant.now()));
    desired.merge(asg, 1, Integer::sum);
  }

  /** The instance waits in {@code hook} until its lifecycle action is completed. */
  void pending(String instanceId, String hook) {
    pendingHook.put(instanceId, hook);
  }

  @Override
  public Future<GroupState> describe(String asg) {
    List<InstanceInfo> in = instances.values().stream().filter(i -> i.asg().equals(asg)).toList();
    return Future.succeededFuture(new GroupState(asg, 0, 10, desired.getOrDefault(asg, 0), in, null));
  }

  @Override
  public Future<Void> setDesiredCapacity(String asg, int d) {
    calls.add("setDesiredCapacity " + asg + " " + d);
    desired.put(asg, d);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> putWarmPool(String asg, WarmPoolSpec spec) {
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
      return Future.failedFuture(new IllegalStateException("ValidationError: instance not found"));
    }
    instances.put(instanceId, new InstanceInfo(
        instanceId, i.asg(), InstanceLifecycle.TERMINATING, i.protectedFromScaleIn(), i.instanceType(), i.launchTime()));
    if (decrementDesired) {
      desired.merge(i.asg(), -1, Integer::sum);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> completeLifecycleAction(String asg, String hookName, String instanceId, String result) {
    calls.add("completeLifecycleAction " + asg + " " + hookName + " " + instanceId + " " + result);
    InstanceInfo i = instances.get(instanceId);
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
