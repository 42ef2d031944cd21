package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingConfig;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.domain.WarmPoolConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code simulate --trace FILE --config FILE --out DIR [--sim FILE] [--no-baselines]
 * [--sweep]}: replays a job trace through Hangar's real policy and reconcile pass on the
 * simulated AWS and GitHub, next to the cold-per-job and fixed-pool baselines, and writes
 * report.json and report.html.
 */
public final class SimulateCommand {
  private static final int[] SWEEP_WARM = {0, 2, 4, 8, 16};
  private static final int[] SWEEP_MIN_IDLE = {0, 1, 2, 4};

  private SimulateCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      CliArgs a =
          new CliArgs(
              args, Set.of("trace", "config", "out", "sim"), Set.of("no-baselines", "sweep", "quiet"));
      Path trace = Path.of(a.require("trace"));
      Path config = Path.of(a.require("config"));
      Path outDir = Path.of(a.require("out"));
      List<Pool> pools = SimConfig.pools(config);
      SimParams params = SimConfig.params(a.get("sim") == null ? null : Path.of(a.get("sim")));
      List<TraceJob> jobs = TraceIo.read(trace);
      if (jobs.isEmpty()) {
        throw new IllegalArgumentException(trace + ": no jobs");
      }
      boolean quiet = a.flag("quiet");
      List<Strategy> strategies =
          a.flag("no-baselines")
              ? List.of(Strategy.HANGAR)
              : List.of(Strategy.HANGAR, Strategy.COLD_PER_JOB, Strategy.FIXED_POOL);
      List<SimResult> runs = new ArrayList<>();
      for (Strategy s : strategies) {
        runs.add(runOne(pools, params, jobs, s, quiet ? null : err));
      }
      List<SweepPoint> sweep = a.flag("sweep") ? sweep(pools, params, jobs, quiet ? null : err) : List.of();
      String title = "Hangar simulation: " + trace.getFileName() + " (" + jobs.size() + " jobs)";
      ReportWriter.write(outDir, title, runs, sweep);
      out.print(Summary.table(runs));
      if (!sweep.isEmpty()) {
        out.println("sweep over warm pool size and minIdle (hangar policy):");
        out.print(Summary.sweep(sweep));
      }
      out.println("report: " + outDir.resolve("report.html") + " and report.json");
      return runs.get(0).neverRun() == 0 ? 0 : 1;
    } catch (IllegalArgumentException | IOException e) {
      err.println("simulate: " + e.getMessage());
      return 2;
    }
  }

  static SimResult runOne(
      List<Pool> pools, SimParams params, List<TraceJob> jobs, Strategy s, PrintStream progress) {
    Simulation sim = new Simulation(pools, params, jobs, s);
    int[] last = {-1};
    SimResult r =
        sim.run(
            f -> {
              int pct = (int) (f * 100);
              if (progress != null && pct != last[0]) {
                last[0] = pct;
                progress.print("\rsimulating " + s.label() + ": " + pct + "%   ");
                progress.flush();
              }
            });
    if (progress != null) {
      progress.printf("\rsimulated %s: %d jobs in %.1f s%n", s.label(), r.jobs(), r.wallMillis() / 1000.0);
    }
    return r;
  }

  /** Runs Hangar over a grid of warm pool sizes and minIdle values. */
  static List<SweepPoint> sweep(
      List<Pool> pools, SimParams params, List<TraceJob> jobs, PrintStream progress) {
    List<SweepPoint> points = new ArrayList<>();
    for (int warm : SWEEP_WARM) {
      for (int minIdle : SWEEP_MIN_IDLE) {
        List<Pool> variant = withKnobs(pools, warm, minIdle);
        SimResult r = new Simulation(variant, params, jobs, Strategy.HANGAR).run(f -> {});
        points.add(
            new SweepPoint(warm, minIdle, r.pickup(0.95), r.pickup(0.99), r.runningHours(), r.totalCost()));
        if (progress != null) {
          progress.printf("\rsweep: warmPool %d minIdle %d done   ", warm, minIdle);
          progress.flush();
        }
      }
    }
    if (progress != null) {
      progress.println();
    }
    return points;
  }

  /** The pools with every warm tier's warm pool and every pool's minIdle replaced. */
  public static List<Pool> withKnobs(List<Pool> pools, int warmPoolSize, int minIdle) {
    List<Pool> out = new ArrayList<>();
    for (Pool p : pools) {
      List<Tier> tiers = new ArrayList<>();
      for (Tier t : p.tiers()) {
        tiers.add(
            t.kind() == TierKind.WARM
                ? new Tier(t.asg(), t.kind(), t.weight(), new WarmPoolConfig(warmPoolSize, t.warmPool().state()))
                : t);
      }
      ScalingConfig sc = p.scaling();
      // Schedules would override the swept knobs; the sweep measures the knobs alone.
      ScalingConfig plain =
          new ScalingConfig(
              sc.idleTimeoutSeconds(), sc.bootTimeoutSeconds(), sc.maxLaunchesPerMinute(),
              sc.arrivalBufferMinutes(), sc.spotBreaker(), List.of(), sc.warmStartLeadSeconds(),
              sc.maxJobsPerRunner(), sc.forecastWeeks());
      out.add(new Pool(p.name(), p.labels(), p.maxRunners(), minIdle, tiers, plain));
    }
    return out;
  }
}
