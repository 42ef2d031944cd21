package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sim-benchmark [--days 30] [--jobs 100000] [--config FILE] [--baselines]}: generates a
 * diurnal trace and prints how long simulating it takes (the target is under 60 s).
 */
public final class BenchmarkCommand {
  private BenchmarkCommand() {}

  /** Runs the benchmark; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      CliArgs a = new CliArgs(
          args, Set.of("days", "jobs", "config", "seed", "kind", "out", "reuse", "buffers", "forecast"),
          Set.of("baselines"));
      int days = a.intValue("days", 30);
      int jobs = a.intValue("jobs", 100_000);
      List<Pool> pools =
          a.get("config") == null ? List.of(defaultPool()) : SimConfig.pools(Path.of(a.get("config")));
      long g0 = System.nanoTime();
      List<TraceJob> trace =
          new TraceGenerator(a.intValue("seed", 1), ZoneId.of("UTC"), LocalDate.parse("2026-01-05"))
              .generate(a.get("kind") == null ? "diurnal" : a.get("kind"), days, jobs);
      out.printf(Locale.ROOT, "generated %d jobs over %d days in %.1f s%n",
          trace.size(), days, (System.nanoTime() - g0) / 1e9);
      List<Strategy> strategies =
          a.flag("baselines") ? List.of(Strategy.values()) : List.of(Strategy.HANGAR);
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      for (Strategy s : strategies) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        SimResult r = SimulateCommand.runOne(pools, SimParams.defaults(), trace, s, null);
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        out.printf(Locale.ROOT,
            "%-13s simulated %d jobs (%.0f virtual hours, %d events) in %.2f s wall, %.2f s CPU;"
                + " pickup p50/p95/p99 %.1f/%.1f/%.1f s, running %.0f inst-h, stopped %.0f inst-h,"
                + " $%.2f, never run %d%n",
            s.label(), r.jobs(), r.simulatedHours(), r.events(), r.wallMillis() / 1000.0, cpu,
            r.pickup(0.5), r.pickup(0.95), r.pickup(0.99), r.runningHours(), r.parkedHours(),
            r.totalCost(), r.neverRun());
      }
      if (a.get("out") != null) {
        ParetoSweep.run(pools, trace, a, Path.of(a.get("out")), out);
      }
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("sim-benchmark: " + e.getMessage());
      return 2;
    }
  }

  static Pool defaultPool() {
    return new Pool(
        "linux",
        List.of("self-hosted", "linux", "x64"),
        500,
        2,
        List.of(new Tier("linux-warm", TierKind.WARM), new Tier("linux-spot", TierKind.SPOT)));
  }
}
