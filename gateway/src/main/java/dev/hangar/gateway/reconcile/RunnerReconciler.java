package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes orphan runners and retires instances that never registered or whose runner went
 * offline. Runners are listed before the groups are described, so an instance that registered
 * in between is already in the description and its runner is never taken for an orphan. A
 * retirement deletes the runner first (GitHub refuses while it runs a job: then nothing
 * happens) and only then terminates the instance, lowering desired capacity. Every action is
 * idempotent, so several replicas may run it at once.
 */
final class RunnerReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(RunnerReconciler.class);

  private final List<Pool> pools;
  private final Fleet fleet;
  private final GitHub github;
  private final ReconcileMetrics metrics;
  private final Sightings sightings = new Sightings();

  RunnerReconciler(
      List<Pool> pools, Fleet fleet, GitHub github, ReconcileMetrics metrics) {
    this.pools = pools;
    this.fleet = fleet;
    this.github = github;
    this.metrics = metrics;
  }

  Future<Void> run(Instant now) {
    return github
        .listRunners()
        .compose(runners -> describeAll().map(instances -> RunnerSweep.plan(runners, instances, now, sightings)))
        .compose(this::execute);
  }

  private Future<List<RunnerSweep.PoolInstances>> describeAll() {
    List<Future<RunnerSweep.PoolInstances>> all = new ArrayList<>();
    for (Pool p : pools) {
      List<Future<Fleet.GroupState>> groups = new ArrayList<>();
      for (Tier t : p.tiers()) {
        groups.add(fleet.describe(t.asg()));
      }
      all.add(
          Future.all(groups)
              .map(
                  v -> {
                    List<Fleet.InstanceInfo> instances = new ArrayList<>();
                    groups.forEach(g -> instances.addAll(g.result().instances()));
                    return new RunnerSweep.PoolInstances(p, instances);
                  }));
    }
    // Any group not described means unknown instances: then no runner may be judged an orphan.
    return Future.all(all).map(v -> all.stream().map(Future::result).toList());
  }

  private Future<Void> execute(List<RunnerSweep.Action> actions) {
    List<Future<Void>> done = new ArrayList<>();
    for (RunnerSweep.Action a : actions) {
      done.add(execute(a).recover(e -> {
        LOG.atWarn().addKeyValue("pool", a.pool()).addKeyValue("instanceId", a.instanceId())
            .addKeyValue("action", a.kind()).addKeyValue("error", e.toString())
            .log("reconcile action failed; next cycle tries again");
        return Future.succeededFuture();
      }));
    }
    return Future.join(done).mapEmpty();
  }

  private Future<Void> execute(RunnerSweep.Action a) {
    return switch (a.kind()) {
      case DELETE_ORPHAN ->
          deleteRunner(a)
              .map(
                  deleted -> {
                    if (deleted) {
                      metrics.action(a.pool(), ReconcileMetrics.ORPHAN_DELETED);
                      LOG.atInfo().addKeyValue("pool", a.pool()).addKeyValue("runnerName", a.runnerName())
                          .log("orphan runner deleted: its instance no longer exists");
                    }
                    return null;
                  });
      case RETIRE_UNREGISTERED, RETIRE_OFFLINE ->
          (a.runnerId() == null ? Future.succeededFuture(true) : deleteRunner(a))
              .compose(
                  deleted -> {
                    if (!deleted) {
                      return Future.succeededFuture();
                    }
                    return fleet
                        .terminateInstance(a.instanceId(), true)
                        .onSuccess(
                            v -> {
                              String what =
                                  a.kind() == RunnerSweep.Kind.RETIRE_UNREGISTERED
                                      ? ReconcileMetrics.UNREGISTERED_RETIRED
                                      : ReconcileMetrics.OFFLINE_RETIRED;
                              metrics.action(a.pool(), what);
                              LOG.atInfo().addKeyValue("pool", a.pool())
                                  .addKeyValue("instanceId", a.instanceId())
                                  .addKeyValue("reason", what)
                                  .log("instance retired by reconciliation");
                            });
                  });
    };
  }

  /** True when deleted (or already gone), false when GitHub refused because it is busy. */
  private Future<Boolean> deleteRunner(RunnerSweep.Action a) {
    return github
        .deleteRunner(a.runnerId())
        .map(true)
        .recover(
            e -> {
              if (e instanceof GitHub.RunnerBusyException) {
                metrics.action(a.pool(), ReconcileMetrics.BUSY_SKIPPED);
                LOG.atInfo().addKeyValue("pool", a.pool()).addKeyValue("instanceId", a.instanceId())
                    .log("runner busy: left alone");
                return Future.succeededFuture(false);
              }
              return Future.failedFuture(e);
            });
  }
}
