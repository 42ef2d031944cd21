package dev.hangar.local.sim;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.LabelMatcher;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.observability.ScalingMetrics;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import dev.hangar.gateway.scaling.PassResult;
import dev.hangar.gateway.scaling.ScalingPass;
import dev.hangar.gateway.scaling.SpotInterruptions;
import dev.hangar.local.sim.SimGitHub.SimRunner;
import dev.hangar.local.sim.SimInstance.CostClass;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * One simulation run: a job trace replayed on a virtual clock against the simulated AWS and
 * GitHub, with capacity driven by Hangar's real policy and reconcile pass or by a baseline.
 */
public final class Simulation {
  private static final long HOUR_MS = 3_600_000L;

  private final List<Pool> pools;
  private final SimParams params;
  private final List<TraceJob> trace;
  private final Strategy strategy;
  private final VirtualClock clock;
  private final SimAws aws;
  private final SimGitHub github;
  private final SimLedger ledger = new SimLedger();
  private final SpotInterruptions interruptions = new SpotInterruptions();
  private final Map<String, Pool> poolByName = new HashMap<>();
  private final LabelMatcher matcher;
  private final Map<String, List<SimGroup>> groupsOfPool = new HashMap<>();
  private final boolean[] done;
  private final double[] pickups;
  private int pickupCount;
  private int completed;
  private int lost;
  private int reruns;
  private int outstanding;
  private int fed;
  private long nextJobId = 1;
  private double breakerOpenMinutes;
  private ScalingPass pass;
  private ScalingMetrics metrics = ScalingMetrics.NOOP;
  private final Map<String, Boolean> passPending = new HashMap<>();
  private final Map<String, Integer> fixedSizes = new HashMap<>();
  private JobEventSink sink;
  private long wallStart;

  // samples
  private final List<Long> sampleTimes = new ArrayList<>();
  private final List<int[][]> sampleCounts = new ArrayList<>();
  private final List<Integer> sampleQueued = new ArrayList<>();
  private final List<Double> sampleCost = new ArrayList<>();

  /** A run of {@code trace} (sorted by queue time) on {@code pools} with {@code strategy}. */
  public Simulation(List<Pool> pools, SimParams params, List<TraceJob> trace, Strategy strategy) {
    this(pools, params, trace, strategy, 600);
  }

  /** As above, starting the clock {@code leadInSeconds} before the first job. */
  public Simulation(
      List<Pool> pools, SimParams params, List<TraceJob> trace, Strategy strategy, long leadInSeconds) {
    if (trace.isEmpty()) {
      throw new IllegalArgumentException("the trace has no jobs");
    }
    this.pools = List.copyOf(pools);
    this.params = params;
    this.trace = trace;
    this.strategy = strategy;
    this.done = new boolean[trace.size()];
    this.pickups = new double[trace.size()];
    Instant start = trace.get(0).queuedAt().minusSeconds(leadInSeconds);
    this.clock = new VirtualClock(start);
    this.aws = new SimAws(clock, params);
    this.github = new SimGitHub(clock, params);
    this.matcher = new LabelMatcher(this.pools);
    for (Pool p : pools) {
      poolByName.put(p.name(), p);
    }
  }

  /** Where the reconcile pass records its metrics (default: nowhere). */
  public Simulation metrics(ScalingMetrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /** Overrides the fixed-pool baseline size of a pool. */
  public Simulation fixedSize(String pool, int size) {
    fixedSizes.put(pool, size);
    return this;
  }

  /** The simulated fleet (for tests). */
  public SimAws fleet() {
    return aws;
  }

  /** Runs to the end; {@code progress} hears the fraction of the trace replayed. */
  public SimResult run(DoubleConsumer progress) {
    start();
    long lastQueued = trace.get(trace.size() - 1).queuedAt().toEpochMilli();
    long span = lastQueued - clock.startMs();
    long horizon = lastQueued + HOUR_MS;
    long cap = lastQueued + 48 * HOUR_MS;
    long step = Math.max(60_000L, span / 200);
    long t = clock.startMs();
    while (true) {
      t += step;
      clock.runUntil(t);
      progress.accept(progress());
      if ((finished() && t >= horizon) || t >= cap) {
        break;
      }
    }
    return finish();
  }

  /**
   * Lets an outside reconciler drive capacity (the demo: the real gateway behind its webhook):
   * job events go to {@code sink} instead of the simulator's own ledger, and no pass runs here.
   */
  public Simulation external(JobEventSink sink) {
    this.sink = sink;
    return this;
  }

  /** Receives the job events GitHub would send as webhooks. */
  public interface JobEventSink {
    /** One event of a job of {@code pool}. */
    void accept(String pool, JobEvent event);
  }

  /** Sets up the groups, agents and controller and schedules the trace; time does not move. */
  public void start() {
    wallStart = System.nanoTime();
    setUpGroups();
    wireAgents();
    wireJobs();
    startController();
    scheduleFeed(0);
    long lastQueued = trace.get(trace.size() - 1).queuedAt().toEpochMilli();
    scheduleSampling(Math.max(10_000L, (lastQueued - clock.startMs()) / 3000));
  }

  /** Moves virtual time to {@code untilMs}, running everything due. */
  public void advance(long untilMs) {
    clock.runUntil(untilMs);
  }

  /** The virtual clock. */
  public VirtualClock clock() {
    return clock;
  }

  /** The simulated GitHub. */
  public SimGitHub github() {
    return github;
  }

  /** Spot interruption notices the simulated agents reported. */
  public SpotInterruptions interruptions() {
    return interruptions;
  }

  /** Fraction of the trace queued so far. */
  public double progress() {
    return Math.min(1.0, fed / (double) trace.size());
  }

  /** True once every job of the trace was queued and has run (or was lost for good). */
  public boolean finished() {
    return fed == trace.size() && outstanding == 0;
  }

  /** Live figures: jobs queued so far, completed, waiting, and pickups so far. */
  public Progress live() {
    double cost = 0;
    for (SimGroup g : aws.groups()) {
      g.advance(clock.nowMs());
      cost += stats(g).cost();
    }
    return new Progress(fed, completed, github.queuedCount(), sortedPickups(), cost);
  }

  /** Live figures of a running simulation. */
  public record Progress(int fed, int completed, int queued, double[] pickups, double cost) {
    /** The {@code q} quantile of pickups so far (0 when none). */
    public double pickup(double q) {
      return SimResult.nearestRank(pickups, q);
    }
  }

  /** Stops the clock here and sums up. */
  public SimResult finish() {
    long end = clock.nowMs();
    sample();
    List<GroupStats> stats = new ArrayList<>();
    double total = 0;
    for (SimGroup g : aws.groups()) {
      g.advance(end);
      GroupStats s = stats(g);
      stats.add(s);
      total += s.cost();
    }
    int neverRun = 0;
    for (boolean d : done) {
      if (!d) {
        neverRun++;
      }
    }
    neverRun -= lost;
    return new SimResult(
        strategy.label(),
        trace.size(),
        completed,
        neverRun,
        lost,
        reruns,
        sortedPickups(),
        stats,
        total,
        breakerOpenMinutes,
        series(),
        (end - clock.startMs()) / (double) HOUR_MS,
        (System.nanoTime() - wallStart) / 1_000_000,
        clock.executed());
  }

  private double[] sortedPickups() {
    double[] sorted = Arrays.copyOf(pickups, pickupCount);
    Arrays.sort(sorted);
    return sorted;
  }

  // ---- set-up ----

  private void setUpGroups() {
    for (Pool p : pools) {
      List<SimGroup> gs = new ArrayList<>();
      switch (strategy) {
        case HANGAR -> {
          for (Tier t : p.tiers()) {
            SimGroup g =
                aws.createGroup(t.asg(), p.name(), t.asg(), t.kind() == TierKind.SPOT, p.maxRunners());
            if (t.kind() == TierKind.WARM) {
              int size = t.warmPool().size();
              g.warmPool = new WarmPoolSpec(size, size, t.warmPool().state().awsName());
              aws.prefillWarmPool(g);
            }
            gs.add(g);
          }
        }
        case COLD_PER_JOB -> {
          boolean spot = p.tiers().stream().anyMatch(t -> t.kind() == TierKind.SPOT);
          gs.add(aws.createGroup(p.name() + "-cold-per-job", p.name(), "cold-per-job", spot, p.maxRunners()));
        }
        case FIXED_POOL -> {
          SimGroup g = aws.createGroup(p.name() + "-fixed", p.name(), "fixed", false, p.maxRunners());
          int size = fixedSizes.getOrDefault(p.name(),
              params.fixedSize() != null ? params.fixedSize() : concurrencyP95(p));
          aws.setDesiredCapacity(g.asg, Math.min(size, p.maxRunners()));
          gs.add(g);
        }
      }
      groupsOfPool.put(p.name(), gs);
    }
  }

  private boolean ephemeral() {
    return strategy == Strategy.HANGAR;
  }

  private void wireAgents() {
    aws.listen(
        new SimAws.Listener() {
          @Override
          public void onState(SimInstance i, String state) {
            switch (state) {
              case "Pending:Wait" ->
                  clock.after(params.hookSeconds(), () -> completeHook(i, "Pending:Wait"));
              case "Warmed:Pending:Wait" ->
                  clock.after(params.warmupSeconds(), () -> completeHook(i, "Warmed:Pending:Wait"));
              case "InService" ->
                  clock.after(
                      params.registrationSeconds(),
                      () -> {
                        if (i.alive() && i.state.equals("InService") && i.runner == null) {
                          Pool p = poolByName.get(i.group.pool);
                          github.register(i, p.labels(), ephemeral());
                        }
                      });
              case "Terminated" -> {
                if (i.runner != null) {
                  github.lose(i.runner);
                }
              }
              default -> {}
            }
          }

          @Override
          public void onSpotNotice(SimInstance i) {
            if (strategy != Strategy.HANGAR) {
              return; // baseline runners have no agent watching for notices
            }
            interruptions.record(i.group.pool, clock.now());
            SimRunner r = i.runner;
            if (r == null || !r.busy) {
              // The agent retires an idle (or not yet registered) runner at once.
              if (r != null) {
                github.deleteRunner(r.id);
              }
              aws.terminateInstance(i.id, true);
            }
          }
        });
  }

  private void completeHook(SimInstance i, String expected) {
    if (i.alive() && i.state.equals(expected)) {
      aws.completeLifecycleAction(i.group.asg, SimAws.LAUNCH_HOOK, i.id, "CONTINUE");
    }
  }

  private void wireJobs() {
    github.listen(
        new SimGitHub.JobListener() {
          @Override
          public void onJob(SimJob job, JobStatus status) {
            if (sink != null) {
              sink.accept(job.pool, event(job, status));
            } else if (strategy == Strategy.HANGAR) {
              ledger.apply(job.pool, event(job, status));
            }
            if (status == JobStatus.IN_PROGRESS && job.attempt == 1) {
              pickups[pickupCount++] = (job.startedMs - job.queuedMs) / 1000.0;
            }
            if (status == JobStatus.COMPLETED && !job.failed) {
              done[job.traceIndex] = true;
              completed++;
              outstanding--;
              SimRunner r = job.runner;
              if (r != null && r.ephemeral) {
                SimInstance inst = r.instance;
                // The agent asks the gateway to retire its instance after its one job.
                clock.after(
                    params.retireSeconds(),
                    () -> {
                      if (inst.alive()) {
                        aws.terminateInstance(inst.id, true);
                      }
                    });
              }
            }
            onJobEvent(job, status);
          }

          @Override
          public void onJobLost(SimJob job) {
            if (strategy == Strategy.HANGAR) {
              // The gateway re-runs a job whose spot runner was reclaimed.
              clock.after(params.rerunDelaySeconds(), () -> queue(job.traceIndex, job.attempt + 1));
              reruns++;
            } else {
              lost++;
              outstanding--;
            }
          }
        });
  }

  private JobEvent event(SimJob job, JobStatus status) {
    TraceJob t = job.trace;
    String repo = t.repository() == null ? "sim/repo" : t.repository();
    String owner = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : repo;
    Instant startedAt = job.startedMs < 0 ? null : Instant.ofEpochMilli(job.startedMs);
    Instant completedAt = status == JobStatus.COMPLETED ? clock.now() : null;
    return new JobEvent(
        job.jobId, job.jobId, job.attempt, status, t.labels(), repo, owner, null, null,
        job.runner == null ? null : job.runner.name,
        status == JobStatus.COMPLETED ? (job.failed ? "failure" : "success") : null,
        Instant.ofEpochMilli(job.queuedMs), startedAt, completedAt);
  }

  // ---- controllers ----

  private void startController() {
    if (sink != null) {
      return; // the outside reconciler drives capacity
    }
    switch (strategy) {
      case HANGAR -> {
        pass =
            new ScalingPass(ledger, aws, github, interruptions, new ScalingPolicy(), metrics);
        for (Pool p : pools) {
          periodicPass(p);
        }
      }
      case COLD_PER_JOB -> scaleDownTick();
      case FIXED_POOL -> {}
    }
  }

  private void periodicPass(Pool p) {
    runPass(p);
    clock.after(params.reconcilePeriodSeconds(), () -> periodicPass(p));
  }

  private void runPass(Pool p) {
    Future<PassResult> f = pass.run(p, clock.now());
    if (!f.isComplete()) {
      throw new IllegalStateException("reconcile pass did not complete synchronously");
    }
    if (f.failed()) {
      throw new IllegalStateException("reconcile pass failed", f.cause());
    }
  }

  private void onJobEvent(SimJob job, JobStatus status) {
    switch (strategy) {
      case HANGAR -> {
        if (sink == null && !Boolean.TRUE.equals(passPending.get(job.pool))) {
          passPending.put(job.pool, true);
          Pool p = poolByName.get(job.pool);
          clock.after(
              params.reconcileDebounceSeconds(),
              () -> {
                passPending.put(p.name(), false);
                runPass(p);
              });
        }
      }
      case COLD_PER_JOB -> {
        if (status == JobStatus.QUEUED) {
          clock.after(
              params.coldDelaySeconds(),
              () -> {
                // Scale-up: launch one instance if the job is still queued and below max.
                if (!params.coldJobQueuedCheck() || (job.runner == null && job.startedMs < 0)) {
                  SimGroup g = groupsOfPool.get(job.pool).get(0);
                  if (g.desired < g.maxSize) {
                    aws.setDesiredCapacity(g.asg, g.desired + 1);
                  }
                }
              });
        }
      }
      case FIXED_POOL -> {}
    }
  }

  private void scaleDownTick() {
    long minRunMs = (long) (params.coldMinRunningMinutes() * 60_000);
    for (Pool p : pools) {
      SimGroup g = groupsOfPool.get(p.name()).get(0);
      for (SimInstance i : new ArrayList<>(g.instances)) {
        SimRunner r = i.runner;
        if (r != null && !r.busy && clock.nowMs() - i.launchMs >= minRunMs) {
          if (github.deleteRunner(r.id).succeeded()) {
            aws.terminateInstance(i.id, true);
          }
        }
      }
    }
    clock.after(params.coldScaleDownMinutes() * 60, this::scaleDownTick);
  }

  // ---- trace feed ----

  private void scheduleFeed(int index) {
    if (index >= trace.size()) {
      return;
    }
    clock.at(
        trace.get(index).queuedAt().toEpochMilli(),
        () -> {
          fed++;
          outstanding++;
          queue(index, 1);
          scheduleFeed(index + 1);
        });
  }

  private void queue(int index, int attempt) {
    TraceJob t = trace.get(index);
    String pool = matcher.match(t.labels()).map(Pool::name).orElseThrow(() ->
        new IllegalArgumentException(
            "trace job " + (index + 1) + " with labels " + t.labels() + " matches no pool"));
    github.enqueue(
        new SimJob(index, t, nextJobId++, attempt, clock.nowMs(), pool, Labels.normalize(t.labels())));
  }

  private int concurrencyP95(Pool p) {
    List<long[]> spans = new ArrayList<>();
    for (TraceJob t : trace) {
      if (matcher.match(t.labels()).filter(m -> m.name().equals(p.name())).isPresent()) {
        long s = t.queuedAt().toEpochMilli();
        spans.add(new long[] {s, s + (long) (t.durationSeconds() * 1000)});
      }
    }
    if (spans.isEmpty()) {
      return 0;
    }
    long[] ends = spans.stream().mapToLong(a -> a[1]).sorted().toArray();
    int[] conc = new int[spans.size()];
    int e = 0;
    for (int k = 0; k < spans.size(); k++) {
      long s = spans.get(k)[0];
      while (e < ends.length && ends[e] <= s) {
        e++;
      }
      conc[k] = k + 1 - e;
    }
    Arrays.sort(conc);
    return Math.max(1, conc[(int) Math.ceil(0.95 * conc.length) - 1]);
  }

  // ---- sampling ----

  private void scheduleSampling(long everyMs) {
    clock.after(
        everyMs / 1000.0,
        () -> {
          sample();
          if (!(fed == trace.size() && outstanding == 0)) {
            scheduleSampling(everyMs);
          }
        });
  }

  private void sample() {
    List<SimGroup> gs = aws.groups();
    int[][] counts = new int[gs.size()][SimResult.TimeSeries.STATES.size()];
    double cost = 0;
    for (int k = 0; k < gs.size(); k++) {
      SimGroup g = gs.get(k);
      for (SimInstance i : g.instances) {
        int s;
        if (i.inWarmPool()) {
          s = i.state.startsWith("Warmed:Pending") ? 3 : 4;
        } else if (i.runner == null) {
          s = 2;
        } else {
          s = i.runner.busy ? 0 : 1;
        }
        counts[k][s]++;
      }
      g.advance(clock.nowMs());
      cost += stats(g).cost();
    }
    if (pass != null) {
      for (PassResult r : pass.lastResults().values()) {
        if (r.plan().spotBreakerOpen() && !sampleTimes.isEmpty()) {
          breakerOpenMinutes += (clock.nowMs() - sampleTimes.get(sampleTimes.size() - 1)) / 60_000.0;
        }
      }
    }
    sampleTimes.add(clock.nowMs());
    sampleCounts.add(counts);
    sampleQueued.add(github.queuedCount());
    sampleCost.add(cost);
  }

  private SimResult.TimeSeries series() {
    int n = sampleTimes.size();
    long[] times = new long[n];
    int[] queued = new int[n];
    double[] cost = new double[n];
    int[][][] counts = new int[n][][];
    for (int k = 0; k < n; k++) {
      times[k] = sampleTimes.get(k);
      queued[k] = sampleQueued.get(k);
      cost[k] = sampleCost.get(k);
      counts[k] = sampleCounts.get(k);
    }
    return new SimResult.TimeSeries(
        aws.groups().stream().map(g -> g.asg).toList(), times, counts, queued, cost);
  }

  private GroupStats stats(SimGroup g) {
    double running = g.seconds[CostClass.RUNNING.ordinal()] / 3600;
    double stopped = g.seconds[CostClass.STOPPED.ordinal()] / 3600;
    double hibernated = g.seconds[CostClass.HIBERNATED.ordinal()] / 3600;
    double price = params.hourly(g.instanceType, g.spot);
    double cost =
        running * price
            + (running + stopped + hibernated) * params.ebsHourly()
            + hibernated * params.ramGb() * params.ebsGbMonthly() / 730.0;
    return new GroupStats(
        g.asg, g.pool, g.instanceType, g.spot, running, stopped, hibernated, cost, g.launches,
        g.warmStarts,
        g.capacityErrors, g.interruptions);
  }
}
