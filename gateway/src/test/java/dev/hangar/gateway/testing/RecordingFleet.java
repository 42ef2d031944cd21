package dev.hangar.gateway.testing;

import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes every call to a real {@link Fleet} and records the mutating ones, in order. */
public final class RecordingFleet implements Fleet {
  private final Fleet real;
  public final List<String> calls = new CopyOnWriteArrayList<>();

  public RecordingFleet(Fleet real) {
    this.real = real;
  }

  /** Recorded calls starting with {@code prefix}, e.g. {@code setDesiredCapacity}. */
  public List<String> calls(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  @Override
  public Future<GroupState> describe(String asg) {
    return real.describe(asg);
  }

  @Override
  public Future<Void> setDesiredCapacity(String asg, int desired) {
    calls.add("setDesiredCapacity " + asg + " " + desired);
    return real.setDesiredCapacity(asg, desired);
  }

  @Override
  public Future<Void> putWarmPool(String asg, WarmPoolSpec spec) {
    calls.add("putWarmPool " + asg + " " + spec);
    return real.putWarmPool(asg, spec);
  }

  @Override
  public Future<Void> setInstanceProtection(String asg, Collection<String> ids, boolean protect) {
    calls.add("setInstanceProtection " + asg + " " + ids + " " + protect);
    return real.setInstanceProtection(asg, ids, protect);
  }

  @Override
  public Future<Void> terminateInstance(String instanceId, boolean decrementDesired) {
    calls.add("terminateInstance " + instanceId + " " + decrementDesired);
    return real.terminateInstance(instanceId, decrementDesired);
  }

  @Override
  public Future<Void> completeLifecycleAction(String asg, String hook, String instanceId, String result) {
    calls.add("completeLifecycleAction " + asg + " " + hook + " " + instanceId + " " + result);
    return real.completeLifecycleAction(asg, hook, instanceId, result);
  }

  @Override
  public Future<Void> tagInstance(String instanceId, Map<String, String> tags) {
    calls.add("tagInstance " + instanceId + " " + tags);
    return real.tagInstance(instanceId, tags);
  }

  @Override
  public Future<InstanceInfo> instance(String instanceId) {
    return real.instance(instanceId);
  }

  @Override
  public Future<List<ScalingFailure>> failuresSince(String asg, Instant since) {
    return real.failuresSince(asg, since);
  }
}
