package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code retire}: the runner is deleted on GitHub first, which GitHub refuses while it runs a job
 * (so a busy runner is never killed); only then is the instance terminated, lowering its group's
 * desired capacity. Repeating a successful retire succeeds without doing anything twice.
 */
final class Retirement {
  private static final Logger LOG = LoggerFactory.getLogger(Retirement.class);
  private final ManagedInstances managed;
  private final Fleet fleet;
  private final GitHub github;
  private final AgentRegistry registry;
  private final AgentMetrics metrics;
  private final Clock clock;

  Retirement(
      ManagedInstances managed, Fleet fleet, GitHub github, AgentRegistry registry,
      AgentMetrics metrics, Clock clock) {
    this.managed = managed;
    this.fleet = fleet;
    this.github = github;
    this.registry = registry;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Retires the instance; fails with 409 "runner busy" and terminates nothing when busy. */
  Future<Void> retire(String instanceId, String reason) {
    var known = registry.agent(instanceId);
    if (known.isPresent() && known.get().retired()) {
      return Future.succeededFuture();
    }
    return managed
        .find(instanceId)
        .compose(
            m -> {
              String pool = m == null ? AgentMetrics.UNKNOWN_POOL : m.pool().name();
              return runnerId(instanceId)
                  .compose(runnerId -> runnerId == null ? Future.<Void>succeededFuture() : github.deleteRunner(runnerId))
                  .recover(
                      e -> {
                        if (e instanceof GitHub.RunnerBusyException) {
                          metrics.retirement(pool, "busy");
                          AgentLog.info(LOG, "retire refused: runner busy", "instanceId", instanceId, "pool", pool);
                          return Future.failedFuture(new ApiException(409, "runner busy"));
                        }
                        return Future.failedFuture(e);
                      })
                  .compose(v -> terminate(m))
                  .onSuccess(
                      v -> {
                        registry.retired(instanceId, clock.instant());
                        metrics.retirement(pool, "retired");
                        AgentLog.info(LOG, "instance retired", "instanceId", instanceId, "pool", pool,
                            "reason", reason);
                      });
            });
  }

  private Future<Void> terminate(ManagedInstances.Managed m) {
    if (m == null || m.instance().lifecycleState() == null
        || m.instance().lifecycleState().startsWith("Terminat")) {
      return Future.succeededFuture();
    }
    return fleet.terminateInstance(m.instance().instanceId(), true);
  }

  private Future<Long> runnerId(String instanceId) {
    var known = registry.agent(instanceId).map(AgentRegistry.Agent::runnerId);
    if (known.isPresent()) {
      return Future.succeededFuture(known.get());
    }
    // Registered through another replica (or before a restart): find the runner by its name.
    return github
        .listRunners()
        .map(
            runners ->
                runners.stream()
                    .filter(r -> instanceId.equals(r.name()))
                    .map(GitHub.Runner::id)
                    .findFirst()
                    .orElse(null));
  }
}
