package dev.hangar.gateway.fleet;

import dev.hangar.gateway.domain.GroupBounds;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolConfiguration;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The {@link Fleet} port on EC2 Auto Scaling and EC2, through the SDK's async clients (built by
 * {@code AwsClients}: throttling such as {@code Throttling} and {@code RequestLimitExceeded} is
 * retried there with exponential back-off and jitter). Every result comes back on the calling
 * Vert.x context.
 */
public final class AwsFleet implements Fleet {
  /** SetInstanceProtection takes at most 50 instance ids per call. */
  static final int PROTECTION_BATCH = 50;

  /** DescribeInstances is asked about at most this many ids per call. */
  static final int DESCRIBE_BATCH = 200;

  private final Vertx vertx;
  private final AutoScalingAsyncClient autoscaling;
  private final Ec2AsyncClient ec2;
  /** Min and max size per group from the last describe, to keep desired capacity inside. */
  private final Map<String, GroupBounds> bounds = new ConcurrentHashMap<>();

  public AwsFleet(Vertx vertx, AutoScalingAsyncClient autoscaling, Ec2AsyncClient ec2) {
    this.vertx = vertx;
    this.autoscaling = autoscaling;
    this.ec2 = ec2;
  }

  @Override
  public Future<GroupState> describe(String asg) {
    Future<AutoScalingGroup> group = group(asg);
    Future<DescribeWarmPoolResponse> warm = warmPool(asg, null, null);
    return Future.all(group, warm)
        .compose(
            v -> {
              AutoScalingGroup g = group.result();
              DescribeWarmPoolResponse w = warm.result();
              List<Instance> all = new ArrayList<>(g.instances());
              all.addAll(w.instances());
              return launchTimes(all.stream().map(Instance::instanceId).toList())
                  .map(times -> state(g, w, times));
            });
  }

  private Future<AutoScalingGroup> group(String asg) {
    return on(autoscaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg)))
        .compose(
            r -> {
              if (r.autoScalingGroups().isEmpty()) {
                return Future.failedFuture(new NoSuchElementException("no Auto Scaling group " + asg));
              }
              AutoScalingGroup g = r.autoScalingGroups().get(0);
              bounds.put(asg, new GroupBounds(g.minSize(), g.maxSize()));
              return Future.succeededFuture(g);
            });
  }

  /** The warm pool with all its instances (paged); an empty answer for groups without one. */
  private Future<DescribeWarmPoolResponse> warmPool(
      String asg, String token, DescribeWarmPoolResponse acc) {
    return on(autoscaling.describeWarmPool(r -> r.autoScalingGroupName(asg).nextToken(token)))
        .compose(
            r -> {
              DescribeWarmPoolResponse merged =
                  acc == null
                      ? r
                      : acc.toBuilder()
                          .instances(concat(acc.instances(), r.instances()))
                          .build();
              if (r.nextToken() != null && !r.nextToken().isEmpty()) {
                return warmPool(asg, r.nextToken(), merged);
              }
              return Future.succeededFuture(merged);
            });
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Launch time per instance id, from EC2 (Auto Scaling does not report it); best effort. */
  private Future<Map<String, Instant>> launchTimes(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Future<Map<String, Instant>>> parts = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += DESCRIBE_BATCH) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + DESCRIBE_BATCH));
      parts.add(
          on(ec2.describeInstances(r -> r.instanceIds(chunk)))
              .map(
                  r -> {
                    Map<String, Instant> m = new HashMap<>();
                    r.reservations()
                        .forEach(res -> res.instances().forEach(x -> m.put(x.instanceId(), x.launchTime())));
                    return m;
                  })
              // EC2 is eventually consistent: a just-launched id may not be describable yet
              // (InvalidInstanceID.NotFound). Its launch time is then unknown, not an error.
              .otherwise(Map.of()));
    }
    return Future.all(parts)
        .map(
            v -> {
              Map<String, Instant> all = new HashMap<>();
              parts.forEach(p -> all.putAll(p.result()));
              return all;
            });
  }

  private static GroupState state(
      AutoScalingGroup g, DescribeWarmPoolResponse w, Map<String, Instant> launchTimes) {
    List<InstanceInfo> instances = new ArrayList<>();
    for (Instance i : g.instances()) {
      instances.add(info(g.autoScalingGroupName(), i, launchTimes));
    }
    for (Instance i : w.instances()) {
      instances.add(info(g.autoScalingGroupName(), i, launchTimes));
    }
    WarmPoolConfiguration c = w.warmPoolConfiguration();
    WarmPoolState warm =
        c == null
            ? null
            : new WarmPoolState(
                c.minSize() == null ? 0 : c.minSize(),
                c.maxGroupPreparedCapacity() == null ? -1 : c.maxGroupPreparedCapacity(),
                c.poolStateAsString(),
                w.instances().size());
    return new GroupState(
        g.autoScalingGroupName(), g.minSize(), g.maxSize(), g.desiredCapacity(), instances, warm);
  }

  private static InstanceInfo info(String asg, Instance i, Map<String, Instant> launchTimes) {
    return new InstanceInfo(
        i.instanceId(),
        asg,
        InstanceLifecycle.parse(i.lifecycleStateAsString()),
        Boolean.TRUE.equals(i.protectedFromScaleIn()),
        i.instanceType(),
        launchTimes.get(i.instanceId()));
  }

  @Override
  public Future<Void> setDesiredCapacity(String asg, int desired) {
    GroupBounds b = bounds.get(asg);
    Future<GroupBounds> known = b != null ? Future.succeededFuture(b) : group(asg).map(g -> bounds.get(asg));
    return known
        .compose(k -> set(asg, k.clamp(desired)))
        .recover(
            err -> {
              // The group's bounds may have changed since the last describe: refresh once.
              if (!isValidationError(err)) {
                return Future.failedFuture(err);
              }
              return group(asg).compose(g -> set(asg, bounds.get(asg).clamp(desired)));
            });
  }

  private Future<Void> set(String asg, int desired) {
    return on(
            autoscaling.setDesiredCapacity(
                r -> r.autoScalingGroupName(asg).desiredCapacity(desired).honorCooldown(false)))
        .mapEmpty();
  }

  private static boolean isValidationError(Throwable err) {
    return unwrap(err) instanceof AwsServiceException e
        && e.awsErrorDetails() != null
        && "ValidationError".equals(e.awsErrorDetails().errorCode());
  }

  @Override
  public Future<Void> putWarmPool(String asg, WarmPoolSpec spec) {
    return on(
            autoscaling.putWarmPool(
                r ->
                    r.autoScalingGroupName(asg)
                        .minSize(spec.minSize())
                        .maxGroupPreparedCapacity(spec.maxGroupPreparedCapacity())
                        .poolState(spec.poolState())))
        .mapEmpty();
  }

  @Override
  public Future<Void> setInstanceProtection(
      String asg, Collection<String> instanceIds, boolean protect) {
    List<String> ids = List.copyOf(instanceIds);
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += PROTECTION_BATCH) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + PROTECTION_BATCH));
      calls.add(
          on(
              autoscaling.setInstanceProtection(
                  r ->
                      r.autoScalingGroupName(asg)
                          .instanceIds(chunk)
                          .protectedFromScaleIn(protect))));
    }
    return Future.all(calls).mapEmpty();
  }

  @Override
  public Future<Void> terminateInstance(String instanceId, boolean decrementDesired) {
    if (!decrementDesired) {
      return terminate(instanceId, false);
    }
    // The reconciler may already have lowered desired capacity below the instances still
    // running (busy ones are protected from scale-in). Decrementing again would undercut the
    // group's minimum, which AWS refuses; terminating without decrement is then exactly right,
    // because nothing replaces an instance the group no longer wants.
    return on(autoscaling.describeAutoScalingInstances(r -> r.instanceIds(instanceId)))
        .compose(
            r -> {
              if (r.autoScalingInstances().isEmpty()) {
                return terminate(instanceId, true);
              }
              return group(r.autoScalingInstances().get(0).autoScalingGroupName())
                  .compose(g -> terminate(instanceId, stillCounted(g)));
            });
  }

  /** True when the group's desired capacity still counts one instance for each it runs. */
  static boolean stillCounted(AutoScalingGroup g) {
    long live =
        g.instances().stream()
            .filter(i -> InstanceLifecycle.parse(i.lifecycleStateAsString()).countsTowardDesired())
            .count();
    return g.desiredCapacity() >= live && g.desiredCapacity() > g.minSize();
  }

  private Future<Void> terminate(String instanceId, boolean decrement) {
    return on(
            autoscaling.terminateInstanceInAutoScalingGroup(
                r -> r.instanceId(instanceId).shouldDecrementDesiredCapacity(decrement)))
        .mapEmpty();
  }

  @Override
  public Future<Void> completeLifecycleAction(
      String asg, String hookName, String instanceId, String result) {
    return on(
            autoscaling.completeLifecycleAction(
                r ->
                    r.autoScalingGroupName(asg)
                        .lifecycleHookName(hookName)
                        .instanceId(instanceId)
                        .lifecycleActionResult(result)))
        .<Void>mapEmpty()
        // AWS answers ValidationError ("No active Lifecycle Action found ...") once the action
        // is completed or timed out; the caller must not retry that as an outage.
        .recover(err -> Future.failedFuture(isValidationError(err) ? new NoLifecycleAction(instanceId) : err));
  }

  @Override
  public Future<Void> tagInstance(String instanceId, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tag> list =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    return on(ec2.createTags(r -> r.resources(instanceId).tags(list))).mapEmpty();
  }

  @Override
  public Future<InstanceInfo> instance(String instanceId) {
    Future<List<AutoScalingInstanceDetails>> asgView =
        on(autoscaling.describeAutoScalingInstances(r -> r.instanceIds(instanceId)))
            .map(r -> r.autoScalingInstances());
    return asgView.compose(
        list -> {
          if (list.isEmpty()) {
            return Future.succeededFuture(null);
          }
          AutoScalingInstanceDetails d = list.get(0);
          return launchTimes(List.of(instanceId))
              .map(
                  times ->
                      new InstanceInfo(
                          d.instanceId(),
                          d.autoScalingGroupName(),
                          InstanceLifecycle.parse(d.lifecycleState()),
                          Boolean.TRUE.equals(d.protectedFromScaleIn()),
                          d.instanceType(),
                          times.get(instanceId)));
        });
  }

  @Override
  public Future<List<ScalingFailure>> failuresSince(String asg, Instant since) {
    return activities(asg, since, null, new ArrayList<>());
  }

  /** Pages through activities (newest first) until one started before {@code since}. */
  private Future<List<ScalingFailure>> activities(
      String asg, Instant since, String token, List<ScalingFailure> acc) {
    return on(
            autoscaling.describeScalingActivities(
                r -> r.autoScalingGroupName(asg).maxRecords(100).nextToken(token)))
        .compose(
            (DescribeScalingActivitiesResponse r) -> {
              boolean older = false;
              for (Activity a : r.activities()) {
                if (a.startTime() != null && a.startTime().isBefore(since)) {
                  older = true;
                  continue;
                }
                ScalingActivityStatusCode code = a.statusCode();
                if (code == ScalingActivityStatusCode.FAILED
                    || code == ScalingActivityStatusCode.CANCELLED) {
                  acc.add(new ScalingFailure(asg, a.startTime(), a.statusCodeAsString(), a.statusMessage()));
                }
              }
              if (!older && r.nextToken() != null && !r.nextToken().isEmpty()) {
                return activities(asg, since, r.nextToken(), acc);
              }
              return Future.succeededFuture(List.copyOf(acc));
            });
  }

  private <T> Future<T> on(CompletableFuture<T> cf) {
    return Future.fromCompletionStage(cf, vertx.getOrCreateContext());
  }

  private static Throwable unwrap(Throwable err) {
    return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
  }
}
