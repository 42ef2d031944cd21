package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.InstanceView;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.RunnerState;
import dev.hangar.gateway.domain.RunnerView;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.ScalePlan.TierPlan;
import dev.hangar.gateway.domain.ScalingInput;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierObservation;
import dev.hangar.gateway.observability.PoolGauges;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.GroupState;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile pass that needs only the ledger and the fleet: counts the pool's queued and
 * running jobs, describes its groups, asks a policy for a {@link ScalePlan} and makes only the
 * calls whose values changed (desired capacity kept within the group's minimum and maximum;
 * warm pool when it differs). Retirements are not applied here: retiring needs GitHub to
 * delete the runner first, which the full scaling pass does.
 */
public final class DemandPass implements PoolPass {
  private static final Logger LOG = LoggerFactory.getLogger(DemandPass.class);

  private final Ledger ledger;
  private final Fleet fleet;
  private final Function<ScalingInput, ScalePlan> policy;
  private final PoolGauges gauges;

  public DemandPass(
      Ledger ledger, Fleet fleet, Function<ScalingInput, ScalePlan> policy, PoolGauges gauges) {
    this.ledger = ledger;
    this.fleet = fleet;
    this.policy = policy;
    this.gauges = gauges == null ? PoolGauges.NOOP : gauges;
  }

  @Override
  public Future<ScalePlan> run(Pool pool, Instant now) {
    Future<List<Job>> jobs = ledger.openJobs(pool.name());
    List<Future<GroupState>> groups = new ArrayList<>();
    for (Tier t : pool.tiers()) {
      groups.add(fleet.describe(t.asg()));
    }
    List<Future<?>> all = new ArrayList<>(groups);
    all.add(jobs);
    return Future.all(all)
        .compose(
            v -> {
              int queued = count(jobs.result(), JobStatus.QUEUED);
              int running = count(jobs.result(), JobStatus.IN_PROGRESS);
              gauges.jobs(pool.name(), queued, running);
              Map<String, GroupState> byAsg = new HashMap<>();
              List<TierObservation> tiers = new ArrayList<>();
              for (int i = 0; i < pool.tiers().size(); i++) {
                GroupState g = groups.get(i).result();
                byAsg.put(g.asg(), g);
                tiers.add(observe(pool.tiers().get(i), g));
              }
              ScalePlan plan =
                  policy.apply(new ScalingInput(pool, now, queued, running, 0.0, tiers, List.of()));
              return apply(pool, plan, byAsg).map(plan);
            });
  }

  private Future<Void> apply(Pool pool, ScalePlan plan, Map<String, GroupState> groups) {
    List<Future<Void>> calls = new ArrayList<>();
    for (TierPlan tp : plan.tiers()) {
      GroupState g = groups.get(tp.asg());
      if (g == null) {
        continue;
      }
      int desired = g.bounds().clamp(tp.desiredCapacity());
      if (desired != g.desiredCapacity()) {
        LOG.info("pool {} tier {}: desired capacity {} -> {}", pool.name(), tp.asg(), g.desiredCapacity(), desired);
        calls.add(
            fleet.setDesiredCapacity(tp.asg(), desired)
                .onSuccess(x -> gauges.desired(pool.name(), tp.asg(), desired)));
      } else {
        gauges.desired(pool.name(), tp.asg(), desired);
      }
      WarmPools.update(fleet, tp.asg(), g.warmPool(), tp.warmPool(), calls);
    }
    if (!plan.retire().isEmpty()) {
      LOG.debug("pool {}: {} retirements left to the full scaling pass", pool.name(), plan.retire().size());
    }
    return Future.all(calls).mapEmpty();
  }

  private static TierObservation observe(Tier tier, GroupState g) {
    List<InstanceView> views = new ArrayList<>(g.instances().size());
    for (InstanceInfo i : g.instances()) {
      // Without GitHub's view of runners, an instance in the group is at best booting.
      RunnerState s = RunnerState.of(i.lifecycle(), RunnerView.NONE);
      views.add(new InstanceView(i.instanceId(), s, i.launchTime(), i.launchTime()));
    }
    return new TierObservation(tier, g.desiredCapacity(), views);
  }

  private static int count(List<Job> jobs, JobStatus status) {
    int n = 0;
    for (Job j : jobs) {
      if (j.status() == status) {
        n++;
      }
    }
    return n;
  }
}
