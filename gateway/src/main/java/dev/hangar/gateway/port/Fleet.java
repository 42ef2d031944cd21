package dev.hangar.gateway.port;

import dev.hangar.gateway.domain.GroupBounds;
import dev.hangar.gateway.domain.InstanceLifecycle;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The runner instances and their Auto Scaling groups (EC2 Auto Scaling in production). */
public interface Fleet {

  /** Current state of one Auto Scaling group, its instances and its warm pool. */
  Future<GroupState> describe(String asg);

  /** Sets the group's desired capacity (never below its minimum or above its maximum). */
  Future<Void> setDesiredCapacity(String asg, int desired);

  /** Creates or updates the group's warm pool. */
  Future<Void> putWarmPool(String asg, WarmPoolSpec spec);

  /** Protects (or unprotects) instances from scale-in. */
  Future<Void> setInstanceProtection(String asg, Collection<String> instanceIds, boolean protect);

  /**
   * Terminates one instance. With {@code decrementDesired} the desired capacity drops by one
   * when it still counts this instance; when it was already lowered below the running
   * instances (or to the group's minimum) it is left as it is, so nothing replaces the instance
   * and the minimum is never undercut.
   */
  Future<Void> terminateInstance(String instanceId, boolean decrementDesired);

  /**
   * Completes a lifecycle action ({@code CONTINUE} or {@code ABANDON}) for one instance; fails
   * with {@link NoLifecycleAction} when none is pending (already completed, or timed out).
   */
  Future<Void> completeLifecycleAction(
      String asg, String hookName, String instanceId, String result);

  /** No lifecycle action is pending for the instance: completing it again cannot succeed. */
  final class NoLifecycleAction extends RuntimeException {
    public NoLifecycleAction(String instanceId) {
      super("no pending lifecycle action for " + instanceId, null, false, false);
    }
  }

  /** Tags an instance (cost allocation: repository, workflow, job). */
  Future<Void> tagInstance(String instanceId, Map<String, String> tags);

  /** Which managed group an instance belongs to and in what state, or null when unknown. */
  Future<InstanceInfo> instance(String instanceId);

  /** Failed launches (e.g. insufficient spot capacity) of the group since {@code since}. */
  Future<List<ScalingFailure>> failuresSince(String asg, Instant since);

  /** The state of one Auto Scaling group. */
  record GroupState(
      String asg,
      int minSize,
      int maxSize,
      int desiredCapacity,
      List<InstanceInfo> instances,
      WarmPoolState warmPool) {
    public GroupState {
      instances = List.copyOf(instances);
    }

    /** The minimum and maximum its desired capacity stays within. */
    public GroupBounds bounds() {
      return new GroupBounds(minSize, maxSize);
    }
  }

  /**
   * One instance of a group (in service or in its warm pool).
   *
   * @param lifecycle the Auto Scaling lifecycle state, parsed by the adapter from AWS's name
   */
  record InstanceInfo(
      String instanceId,
      String asg,
      InstanceLifecycle lifecycle,
      boolean protectedFromScaleIn,
      String instanceType,
      Instant launchTime) {}

  /** Warm pool as configured, and how many instances it holds; null on groups without one. */
  record WarmPoolState(int minSize, int maxGroupPreparedCapacity, String poolState, int size) {}

  /** Desired warm pool configuration; {@code poolState} is Stopped, Hibernated or Running. */
  record WarmPoolSpec(int minSize, int maxGroupPreparedCapacity, String poolState) {}

  /** A failed scaling activity, e.g. InsufficientInstanceCapacity on a spot group. */
  record ScalingFailure(String asg, Instant at, String statusCode, String message) {}
}
