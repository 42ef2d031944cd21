package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.port.Fleet;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers whether an instance belongs to one of the configured pools' Auto Scaling groups. */
final class ManagedInstances {
  private final Fleet fleet;
  private final Map<String, Pool> poolByAsg = new HashMap<>();

  ManagedInstances(Fleet fleet, List<Pool> pools) {
    this.fleet = fleet;
    for (Pool pool : pools) {
      for (Tier tier : pool.tiers()) {
        poolByAsg.putIfAbsent(tier.asg(), pool);
      }
    }
  }

  /** An instance of a managed group, with its pool. */
  record Managed(Fleet.InstanceInfo instance, Pool pool) {
    String asg() {
      return instance.asg();
    }

    /** How many jobs (registrations) one launch of this instance may take. */
    int maxJobs() {
      return pool.maxJobsOn(instance.asg());
    }
  }

  /** The instance and its pool; fails with 403 when it is in no managed group. */
  Future<Managed> require(String instanceId) {
    return find(instanceId)
        .compose(
            m -> m != null
                ? Future.succeededFuture(m)
                : Future.failedFuture(new ApiException(ErrorCode.NOT_MANAGED, "instance not managed")));
  }

  /** The instance and its pool, or null when it is in no managed group (or gone). */
  Future<Managed> find(String instanceId) {
    return fleet
        .instance(instanceId)
        .map(
            info -> {
              if (info == null || info.asg() == null) {
                return null;
              }
              Pool pool = poolByAsg.get(info.asg());
              return pool == null ? null : new Managed(info, pool);
            });
  }
}
