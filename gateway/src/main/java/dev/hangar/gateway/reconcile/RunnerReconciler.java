package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.FirstSeen;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.RunnerSweep;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.observability.ReconcileMetrics;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Runners;
import dev.hangar.gateway.retire.RunnerRetirement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes orphan runners and retires instances that never registered or whose runner went
 * offline, as {@link RunnerSweep} plans. Runners are listed before the groups are described, so
 * an instance that registered in between is already in the description and its runner is never
 * taken for an orphan. Retirements go through {@link RunnerRetirement} (a busy runner is left
 * alone). Every action is idempotent, so several replicas may run it at once.
 */
final class RunnerReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(RunnerReconciler.class);

  private final List<Pool> pools;
  private final Fleet fleet;
  private final Runners github;
  private final RunnerRetirement retirement;
  private final ReconcileMetrics metrics;
  private FirstSeen<String> sightings = FirstSeen.none();

  RunnerReconciler(
      List<Pool> pools, Fleet fleet, Runners github, ReconcileMetrics metrics) {
    this.pools = pools;
    this.fleet = fleet;
    this.github = github;
    this.retirement = new RunnerRetirement(fleet, github);
    this.metrics = metrics;
  }

  Future<Void> run(Instant now) {
    return github
        .listRunners()
        .compose(runners -> describeAll().map(instances -> plan(runners, instances, now)))
        .compose(this::execute);
  }

  private synchronized List<RunnerSweep.Action> plan(
      List<Runners.Runner> runners, List<RunnerSweep.PoolInstances> instances, Instant now) {
    List<RunnerSweep.Runner> seen = runners.stream().map(RunnerReconciler::runner).toList();
    RunnerSweep.Plan plan = RunnerSweep.plan(seen, instances, now, sightings);
    sightings = plan.sightings();
    return plan.actions();
  }

  private static RunnerSweep.Runner runner(Runners.Runner r) {
    return new RunnerSweep.Runner(
        r.id(), r.name(), "offline".equalsIgnoreCase(r.status()), r.busy(), r.labels());
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
                    List<RunnerSweep.Instance> instances = new ArrayList<>();
                    groups.forEach(g -> g.result().instances().forEach(i -> instances.add(
                        new RunnerSweep.Instance(i.instanceId(), i.lifecycle(), i.launchTime()))));
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
    Future<RunnerRetirement.Outcome> outcome =
        a.kind() == RunnerSweep.Kind.DELETE_ORPHAN
            ? retirement.deleteOrphan(a.runnerId())
            // The sweep retires in-service instances only.
            : retirement.retire(a.instanceId(), a.runnerId(), InstanceLifecycle.IN_SERVICE);
    return outcome.map(o -> {
      record(a, o);
      return null;
    });
  }

  private void record(RunnerSweep.Action a, RunnerRetirement.Outcome outcome) {
    if (outcome == RunnerRetirement.Outcome.BUSY) {
      metrics.action(a.pool(), ReconcileMetrics.BUSY_SKIPPED);
      LOG.atInfo().addKeyValue("pool", a.pool()).addKeyValue("instanceId", a.instanceId())
          .log("runner busy: left alone");
      return;
    }
    if (a.kind() == RunnerSweep.Kind.DELETE_ORPHAN) {
      metrics.action(a.pool(), ReconcileMetrics.ORPHAN_DELETED);
      LOG.atInfo().addKeyValue("pool", a.pool()).addKeyValue("runnerName", a.runnerName())
          .log("orphan runner deleted: its instance no longer exists");
      return;
    }
    String what =
        a.kind() == RunnerSweep.Kind.RETIRE_UNREGISTERED
            ? ReconcileMetrics.UNREGISTERED_RETIRED
            : ReconcileMetrics.OFFLINE_RETIRED;
    metrics.action(a.pool(), what);
    LOG.atInfo().addKeyValue("pool", a.pool()).addKeyValue("instanceId", a.instanceId())
        .addKeyValue("reason", what).log("instance retired by reconciliation");
  }
}
