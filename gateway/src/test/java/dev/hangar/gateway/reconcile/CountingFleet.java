package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory Auto Scaling group for the GitHub budget test, where a thousand launches on moto
 * would only make the test slow without changing what is measured (GitHub calls). Follows the
 * real behaviour the reconciler relies on: {@code describe} lists every instance of the group
 * with its lifecycle state and launch time, and {@code TerminateInstanceInAutoScalingGroup}
 * with decrement removes the instance and lowers desired capacity by one (an unknown instance
 * is an error, as AWS answers ValidationError).
 */
final class CountingFleet implements Fleet {
  private final String asg;
  private final Map<String, InstanceInfo> instances = new ConcurrentHashMap<>();
  private volatile int desired;

  CountingFleet(String asg) {
    this.asg = asg;
  }

  void launch(String instanceId, Instant at) {
    instances.put(instanceId, new InstanceInfo(instanceId, asg, InstanceLifecycle.IN_SERVICE, true, "m7i.large", at));
    desired++;
  }

  int size() {
    return instances.size();
  }

  @Override
  public Future<GroupState> describe(String name) {
    return Future.succeededFuture(
        new GroupState(name, 0, 10_000, desired, List.copyOf(instances.values()), null));
  }

  @Override
  public Future<Void> setDesiredCapacity(String name, int d) {
    desired = d;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> putWarmPool(String name, WarmPoolSpec spec) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> setInstanceProtection(String name, Collection<String> ids, boolean protect) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> terminateInstance(String instanceId, boolean decrementDesired) {
    if (instances.remove(instanceId) == null) {
      return Future.failedFuture(new IllegalArgumentException("Instance Id not found - " + instanceId));
    }
    if (decrementDesired) {
      desired--;
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> completeLifecycleAction(String name, String hook, String id, String result) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> tagInstance(String instanceId, Map<String, String> tags) {
    return Future.succeededFuture();
  }

  @Override
  public Future<InstanceInfo> instance(String instanceId) {
    return Future.succeededFuture(instances.get(instanceId));
  }

  @Override
  public Future<List<ScalingFailure>> failuresSince(String name, Instant since) {
    return Future.succeededFuture(List.of());
  }
}
