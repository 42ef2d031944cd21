package dev.hangar.local.sim;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.LabelMatcher;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.scaling.PassResult;
import dev.hangar.gateway.scaling.PassTriggers;
import dev.hangar.gateway.scaling.ScalingPass;
import dev.hangar.gateway.scaling.SpotInterruptions;
import dev.hangar.gateway.observability.ScalingMetrics;
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
  private ScalingPass pass;
  private ScalingMetrics metrics = ScalingMetrics.NOOP;
  private final PassTriggers triggers = new PassTriggers();
  private final Map<String, Integer> fixedSizes = new HashMap<>();
  private JobEventSink sink;
  private long wallStart;

  private Sampler sampler;
  private ForecastRecorder forecasts;
  private SimAgent agent;
  private ColdPerJob coldPerJob;

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
    groupsOfPool.putAll(
        GroupSetUp.groups(strategy, pools, aws, params, fixedSizes, trace, matcher));
    coldPerJob = new ColdPerJob(clock, aws, github, params, pools, groupsOfPool);
    agent = new SimAgent(clock, params, aws, github, interruptions, poolByName, strategy == Strategy.HANGAR);
    agent.wire();
    if (strategy == Strategy.HANGAR && sink == null) {
      forecasts = new ForecastRecorder(pools, clock.startMs());
    }
    wireJobs();
    startController();
    scheduleFeed(0);
    long lastQueued = trace.get(trace.size() - 1).queuedAt().toEpochMilli();
    sampler = new Sampler(clock, aws, github, params, () -> pass, this::finished);
    sampler.schedule(Math.max(10_000L, (lastQueued - clock.startMs()) / 3000));
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
    sampler.sample();
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
        sampler.breakerOpenMinutes(),
        sampler.series(),
        (end - clock.startMs()) / (double) HOUR_MS,
        (System.nanoTime() - wallStart) / 1_000_000,
        clock.executed(),
        forecasts == null ? List.of() : forecasts.finish(end));
  }

  private double[] sortedPickups() {
    double[] sorted = Arrays.copyOf(pickups, pickupCount);
    Arrays.sort(sorted);
    return sorted;
  }

  private void wireJobs() {
    github.listen(
        new SimGitHub.JobListener() {
          @Override
          public void onJob(SimJob job, JobStatus status) {
            if (sink != null) {
              sink.accept(job.pool, job.event(status, clock.now()));
            } else if (strategy == Strategy.HANGAR) {
              ledger.apply(job.pool, job.event(status, clock.now()));
            }
            if (status == JobStatus.IN_PROGRESS && job.attempt == 1) {
              pickups[pickupCount++] = (job.startedMs - job.queuedMs) / 1000.0;
            }
            if (status == JobStatus.COMPLETED && !job.failed) {
              done[job.traceIndex] = true;
              completed++;
              outstanding--;
              agent.afterJob(job.runner);
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
      case COLD_PER_JOB -> coldPerJob.start();
      case FIXED_POOL -> {}
    }
  }

  private void periodicPass(Pool p) {
    runPass(p);
    clock.after(params.reconcilePeriodSeconds(), () -> periodicPass(p));
  }

  private void runPass(Pool p) {
    if (!triggers.begin(p.name())) {
      return;
    }
    Future<PassResult> f = pass.run(p, clock.now());
    triggers.finished(p.name());
    if (!f.isComplete()) {
      throw new IllegalStateException("reconcile pass did not complete synchronously");
    }
    if (f.failed()) {
      throw new IllegalStateException("reconcile pass failed", f.cause());
    }
    if (forecasts != null) {
      forecasts.passed(f.result(), clock.nowMs());
    }
  }

  private void onJobEvent(SimJob job, JobStatus status) {
    switch (strategy) {
      case HANGAR -> {
        if (sink == null && triggers.changed(job.pool)) {
          Pool p = poolByName.get(job.pool);
          clock.after(
              params.reconcileDebounceSeconds(),
              () -> {
                triggers.debounceEnded(p.name());
                runPass(p);
              });
        }
      }
      case COLD_PER_JOB -> coldPerJob.onJobEvent(job, status);
      case FIXED_POOL -> {}
    }
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
    if (forecasts != null) {
      forecasts.arrived(pool, clock.nowMs());
    }
    github.enqueue(
        new SimJob(index, t, nextJobId++, attempt, clock.nowMs(), pool, Labels.normalize(t.labels())));
  }

  private GroupStats stats(SimGroup g) {
    return GroupStats.of(g, params);
  }
}
