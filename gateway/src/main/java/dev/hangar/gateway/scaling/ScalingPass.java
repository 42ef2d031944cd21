package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.ArrivalHistory;
import dev.hangar.gateway.domain.FirstSeen;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.domain.InstanceView;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.RecentArrivals;
import dev.hangar.gateway.domain.RunnerState;
import dev.hangar.gateway.domain.RunnerView;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.ScalePlan.Retirement;
import dev.hangar.gateway.domain.ScalePlan.TierPlan;
import dev.hangar.gateway.domain.ScalingInput;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.domain.SpotBreaker;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.domain.TierObservation;
import dev.hangar.gateway.observability.PoolGauges;
import dev.hangar.gateway.observability.ScalingMetrics;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.GroupState;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.port.Fleet.ScalingFailure;
import dev.hangar.gateway.port.Runners;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.retire.RunnerRetirement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass for one pool, without timers: reads the ledger, the groups and GitHub's
 * runners, asks the pure {@link ScalingPolicy} for a plan and applies it through the ports. The
 * pool reconciler schedules passes (debounce + timer); the simulator drives the same code on a
 * virtual clock. Call it for one pool at a time (passes of different pools may interleave).
 */
public final class ScalingPass implements PoolPass {
  private static final Logger LOG = LoggerFactory.getLogger(ScalingPass.class);

  private final Ledger ledger;
  private final Fleet fleet;
  private final Runners github;
  private final SpotInterruptions interruptions;
  private final ScalingPolicy policy;
  private final ScalingMetrics metrics;
  private final RunnerRetirement retirement;
  private final Map<String, FirstSeen<String>> idleSince = new ConcurrentHashMap<>();
  private final Map<String, FirstSeen<String>> bootingSince = new ConcurrentHashMap<>();
  private final Map<String, PassResult> last = new ConcurrentHashMap<>();
  private final Map<String, Set<Long>> startedSeen = new ConcurrentHashMap<>();
  private final Map<String, ArrivalHistory> arrivals = new ConcurrentHashMap<>();
  private final Map<String, RecentArrivals> recentArrivals = new ConcurrentHashMap<>();
  private final Map<String, Set<Long>> arrivalSeen = new ConcurrentHashMap<>();
  private volatile RunnerIndex runnerIndex;
  private final PoolGauges gauges;

  /** A pass over the given ports; {@code metrics} may be null; pool gauges go nowhere. */
  public ScalingPass(
      Ledger ledger,
      Fleet fleet,
      Runners github,
      SpotInterruptions interruptions,
      ScalingPolicy policy,
      ScalingMetrics metrics) {
    this(ledger, fleet, github, interruptions, policy, metrics, PoolGauges.NOOP);
  }

  /** As above, reporting each pool's jobs and each group's desired capacity to {@code gauges}. */
  public ScalingPass(
      Ledger ledger,
      Fleet fleet,
      Runners github,
      SpotInterruptions interruptions,
      ScalingPolicy policy,
      ScalingMetrics metrics,
      PoolGauges gauges) {
    this.gauges = gauges;
    this.ledger = ledger;
    this.fleet = fleet;
    this.github = github;
    this.interruptions = interruptions;
    this.policy = policy;
    this.retirement = new RunnerRetirement(fleet, github);
    this.metrics = metrics == null ? ScalingMetrics.NOOP : metrics;
  }

  /** The latest pass result per pool (for {@code GET /api/v1/pools}). */
  public Map<String, PassResult> lastResults() {
    return last;
  }

  /** Observes, plans and applies once for {@code pool} at {@code now}. */
  @Override
  public Future<PassResult> run(Pool pool, Instant now) {
    Future<List<Job>> jobs = ledger.openJobs(pool.name());
    List<Future<GroupState>> groups = new ArrayList<>();
    for (Tier t : pool.tiers()) {
      groups.add(fleet.describe(t.asg()));
    }
    Future<List<Runners.Runner>> runners = github.listRunners();
    Instant troubleSince = now.minus(SpotBreaker.lookback(pool.scaling().spotBreaker()));
    List<Future<List<ScalingFailure>>> failures = new ArrayList<>();
    for (Tier t : pool.tiers()) {
      if (t.kind() == TierKind.SPOT) {
        failures.add(fleet.failuresSince(t.asg(), troubleSince));
      }
    }
    List<Future<?>> all = new ArrayList<>(groups);
    all.add(jobs);
    all.add(runners);
    all.addAll(failures);
    return Future.all(all)
        .compose(
            done -> {
              List<Instant> trouble = new ArrayList<>(interruptions.since(pool.name(), troubleSince));
              for (Future<List<ScalingFailure>> f : failures) {
                for (ScalingFailure sf : f.result()) {
                  trouble.add(sf.at());
                }
              }
              List<GroupState> states = new ArrayList<>();
              for (Future<GroupState> g : groups) {
                states.add(g.result());
              }
              ScalingInput input =
                  observe(pool, now, jobs.result(), states, runners.result(), trouble);
              ScalePlan plan = policy.plan(input);
              PassResult result = new PassResult(input, plan);
              last.put(pool.name(), result);
              metrics.spotBreaker(pool.name(), plan.spotBreakerOpen());
              gauges.jobs(pool.name(), input.queuedJobs(), input.runningJobs());
              return apply(pool, states, runners.result(), plan).map(v -> result);
            });
  }

  private ScalingInput observe(
      Pool pool,
      Instant now,
      List<Job> jobs,
      List<GroupState> states,
      List<Runners.Runner> runners,
      List<Instant> trouble) {
    int queued = 0;
    int running = 0;
    Set<String> busyByLedger = new HashSet<>();
    for (Job j : jobs) {
      if (j.status() == JobStatus.QUEUED) {
        queued++;
      } else if (j.status() == JobStatus.IN_PROGRESS) {
        running++;
        if (j.runnerName() != null) {
          busyByLedger.add(j.runnerName());
        }
      }
    }
    Map<String, Runners.Runner> byName = runnersByName(runners);
    Map<String, RunnerState> runnerStates = new HashMap<>();
    for (GroupState g : states) {
      for (InstanceInfo i : g.instances()) {
        runnerStates.put(i.instanceId(), RunnerState.of(i.lifecycle(), view(i, byName, busyByLedger)));
      }
    }
    Set<String> idleNow = new HashSet<>();
    runnerStates.forEach((id, s) -> {
      if (s == RunnerState.IDLE) {
        idleNow.add(id);
      }
    });
    FirstSeen<String> idle =
        idleSince.getOrDefault(pool.name(), FirstSeen.none()).observe(idleNow, now);
    idleSince.put(pool.name(), idle);
    FirstSeen<String> booting = reusedBooting(pool, runnerStates, now);
    List<TierObservation> tiers = new ArrayList<>();
    for (int t = 0; t < pool.tiers().size(); t++) {
      GroupState g = states.get(t);
      List<InstanceView> views = new ArrayList<>(g.instances().size());
      for (InstanceInfo i : g.instances()) {
        RunnerState s = runnerStates.get(i.instanceId());
        Instant since = s == RunnerState.IDLE ? idle.since(i.instanceId()) : i.launchTime();
        if (s == RunnerState.BOOTING && booting != null && booting.since(i.instanceId()) != null) {
          since = booting.since(i.instanceId());
        }
        views.add(new InstanceView(i.instanceId(), s, since, i.launchTime()));
      }
      tiers.add(new TierObservation(pool.tiers().get(t), g.desiredCapacity(), views));
    }
    recordPickups(pool.name(), jobs);
    RecentArrivals recent = countArrivals(pool, jobs, now);
    int weeks = pool.scaling().forecastWeeks();
    double forecast =
        weeks == 0 ? 0 : arrivals.get(pool.name()).forecastPerMinute(now, weeks);
    return new ScalingInput(
        pool, now, queued, running, recent.perMinute(now), tiers, trouble, forecast,
        recent.peakPerMinute(now));
  }

  /**
   * Counts each open job once, by its creation time, into the pool's recent arrivals and (with
   * {@code forecastWeeks}) its arrival history. Both live in this process: a restarted gateway
   * has the recent rate only until it has seen a week, and a job that starts and ends between
   * two passes is missed, which errs on the cheap side.
   */
  private RecentArrivals countArrivals(Pool pool, List<Job> jobs, Instant now) {
    int weeks = pool.scaling().forecastWeeks();
    RecentArrivals recent = recentArrivals.computeIfAbsent(pool.name(), p -> new RecentArrivals());
    ArrivalHistory history =
        weeks == 0 ? null : arrivals.computeIfAbsent(pool.name(), p -> new ArrivalHistory());
    Set<Long> seen = arrivalSeen.computeIfAbsent(pool.name(), p -> new HashSet<>());
    for (Job j : jobs) {
      if (j.createdAt() != null && seen.add(j.jobId())) {
        recent.record(j.createdAt());
        if (history != null) {
          history.record(j.createdAt());
        }
      }
    }
    if (seen.size() > 2 * jobs.size() + 1024) {
      Set<Long> open = new HashSet<>();
      for (Job j : jobs) {
        open.add(j.jobId());
      }
      seen.retainAll(open);
      if (history != null) {
        history.forgetBefore(now, weeks);
      }
    }
    return recent;
  }

  /**
   * With runner reuse an instance is without a runner again between jobs (a fresh JIT runner
   * registering), so its boot timeout counts from when that started, not from its launch.
   */
  private FirstSeen<String> reusedBooting(
      Pool pool, Map<String, RunnerState> runnerStates, Instant now) {
    if (pool.scaling().maxJobsPerRunner() <= 1) {
      return null;
    }
    Set<String> bootingNow = new HashSet<>();
    runnerStates.forEach((id, st) -> {
      if (st == RunnerState.BOOTING) {
        bootingNow.add(id);
      }
    });
    FirstSeen<String> booting =
        bootingSince.getOrDefault(pool.name(), FirstSeen.none()).observe(bootingNow, now);
    bootingSince.put(pool.name(), booting);
    return booting;
  }

  /**
   * Records {@code hangar.job.pickup.seconds} once per job seen running (queued to started, as
   * GitHub reports them); jobs that start and finish between two passes are not seen.
   */
  private void recordPickups(String pool, List<Job> jobs) {
    Set<Long> seen = startedSeen.computeIfAbsent(pool, p -> new HashSet<>());
    for (Job j : jobs) {
      if (j.status() == JobStatus.IN_PROGRESS
          && j.createdAt() != null
          && j.startedAt() != null
          && seen.add(j.jobId())) {
        metrics.pickup(pool, java.time.Duration.between(j.createdAt(), j.startedAt()));
      }
    }
    if (seen.size() > 2 * jobs.size() + 64) {
      // Forget finished jobs now and then rather than on every pass.
      Set<Long> open = new HashSet<>();
      for (Job j : jobs) {
        open.add(j.jobId());
      }
      seen.retainAll(open);
    }
  }

  /** Runners by name; the map is reused while the adapter hands out the same (cached) list. */
  private Map<String, Runners.Runner> runnersByName(List<Runners.Runner> runners) {
    RunnerIndex index = runnerIndex;
    if (index == null || index.list() != runners) {
      Map<String, Runners.Runner> byName = new HashMap<>();
      for (Runners.Runner r : runners) {
        byName.put(r.name(), r);
      }
      index = new RunnerIndex(runners, byName);
      runnerIndex = index;
    }
    return index.byName();
  }

  private record RunnerIndex(List<Runners.Runner> list, Map<String, Runners.Runner> byName) {}

  /** GitHub's runner of the instance, busy also when the ledger has it running a job. */
  private static RunnerView view(
      InstanceInfo i, Map<String, Runners.Runner> byName, Set<String> busyByLedger) {
    Runners.Runner r = byName.get(i.instanceId());
    boolean busy = busyByLedger.contains(i.instanceId()) || (r != null && r.busy());
    return new RunnerView(r != null && "online".equals(r.status()), busy);
  }

  private Future<Void> apply(
      Pool pool, List<GroupState> states, List<Runners.Runner> runners, ScalePlan plan) {
    Map<String, Runners.Runner> byName = runnersByName(runners);
    Map<String, Integer> plannedPerAsg = new HashMap<>();
    Map<String, AtomicInteger> retiredPerAsg = new HashMap<>();
    List<Future<Void>> retirements = new ArrayList<>();
    Map<String, InstanceLifecycle> lifecycles = new HashMap<>();
    states.forEach(g -> g.instances().forEach(i -> lifecycles.put(i.instanceId(), i.lifecycle())));
    for (Retirement r : plan.retire()) {
      plannedPerAsg.merge(r.asg(), 1, Integer::sum);
      AtomicInteger counter = retiredPerAsg.computeIfAbsent(r.asg(), a -> new AtomicInteger());
      Runners.Runner runner = byName.get(r.instanceId());
      retirements.add(
          retire(r, runner == null ? null : runner.id(), lifecycles.get(r.instanceId()))
              .map(
                  done -> {
                    if (done) {
                      counter.incrementAndGet();
                      metrics.retired(pool.name(), r.reason().name().toLowerCase());
                    }
                    return null;
                  }));
    }
    return Future.join(retirements)
        .otherwiseEmpty()
        .compose(
            v -> {
              List<Future<Void>> calls = new ArrayList<>();
              for (int t = 0; t < plan.tiers().size(); t++) {
                TierPlan tp = plan.tiers().get(t);
                GroupState g = states.get(t);
                AtomicInteger retired = retiredPerAsg.get(tp.asg());
                int done = retired == null ? 0 : retired.get();
                int now = g.desiredCapacity() - done;
                // The plan's desired assumes every retirement happened; one GitHub refused
                // (the runner took a job) keeps its place in the group.
                int want = tp.desiredCapacity() + (plannedPerAsg.getOrDefault(tp.asg(), 0) - done);
                if (want != now) {
                  if (want > now) {
                    metrics.launched(pool.name(), tp.asg(), want - now);
                  }
                  calls.add(fleet.setDesiredCapacity(tp.asg(), want));
                }
                gauges.desired(pool.name(), tp.asg(), want);
                WarmPools.update(fleet, tp.asg(), g.warmPool(), tp.warmPool(), calls);
              }
              return Future.join(calls).mapEmpty();
            });
  }

  /** True when the instance was terminated with decrement (GitHub refused: it took a job). */
  private Future<Boolean> retire(Retirement r, Long runnerId, InstanceLifecycle lifecycle) {
    return retirement
        .retire(r.instanceId(), runnerId, lifecycle)
        .map(
            outcome -> {
              if (outcome == RunnerRetirement.Outcome.BUSY) {
                LOG.info("runner {} took a job before it could be retired", r.instanceId());
              }
              return outcome == RunnerRetirement.Outcome.RETIRED;
            })
        .recover(
            err -> {
              LOG.warn("retiring {} failed: {}", r.instanceId(), err.toString());
              return Future.succeededFuture(false);
            });
  }
}
