package dev.hangar.local.demo;

import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The simulated fleet, called on the simulation's context whatever context calls it. */
final class ContextFleet implements Fleet {
  private final Fleet d;
  private final OnContext on;

  ContextFleet(Fleet delegate, OnContext on) {
    this.d = delegate;
    this.on = on;
  }

  @Override
  public Future<GroupState> describe(String asg) {
    return on.call(() -> d.describe(asg));
  }

  @Override
  public Future<Void> setDesiredCapacity(String asg, int desired) {
    return on.call(() -> d.setDesiredCapacity(asg, desired));
  }

  @Override
  public Future<Void> putWarmPool(String asg, WarmPoolSpec spec) {
    return on.call(() -> d.putWarmPool(asg, spec));
  }

  @Override
  public Future<Void> setInstanceProtection(String asg, Collection<String> ids, boolean protect) {
    return on.call(() -> d.setInstanceProtection(asg, ids, protect));
  }

  @Override
  public Future<Void> terminateInstance(String instanceId, boolean decrementDesired) {
    return on.call(() -> d.terminateInstance(instanceId, decrementDesired));
  }

  @Override
  public Future<Void> completeLifecycleAction(String asg, String hook, String id, String result) {
    return on.call(() -> d.completeLifecycleAction(asg, hook, id, result));
  }

  @Override
  public Future<Void> tagInstance(String instanceId, Map<String, String> tags) {
    return on.call(() -> d.tagInstance(instanceId, tags));
  }

  @Override
  public Future<InstanceInfo> instance(String instanceId) {
    return on.call(() -> d.instance(instanceId));
  }

  @Override
  public Future<List<ScalingFailure>> failuresSince(String asg, Instant since) {
    return on.call(() -> d.failuresSince(asg, since));
  }
}
