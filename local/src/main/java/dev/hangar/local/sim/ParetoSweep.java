package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code sim-benchmark ... --out DIR [--reuse 1,20] [--buffers 0.5,1,2,4] [--forecast 0]}: runs
 * the baselines and a grid of Hangar configurations (maxJobsPerRunner x arrivalBufferMinutes,
 * forecastWeeks) on the same trace and writes {@code pareto.svg}, {@code pareto.md} and a
 * {@code report.html} with both.
 */
final class ParetoSweep {
  private ParetoSweep() {}

  static void run(List<Pool> pools, List<TraceJob> trace, CliArgs a, Path dir, PrintStream out)
      throws IOException {
    int[] reuse = ints(a.get("reuse"), "1,20");
    double[] buffers = doubles(a.get("buffers"), "0.5,1,2,4");
    int[] forecast = ints(a.get("forecast"), "0");
    SimParams params = SimParams.defaults();
    List<ParetoPoint> points = new ArrayList<>();
    for (Strategy s : List.of(Strategy.COLD_PER_JOB, Strategy.FIXED_POOL)) {
      points.add(ParetoPoint.of(s.label(), "baseline", true,
          new Simulation(pools, params, trace, s).run(f -> {})));
    }
    for (int n : reuse) {
      for (int weeks : forecast) {
        String series = "hangar reuse " + n + (weeks > 0 ? ", forecast " + weeks + " wk" : "");
        for (double buf : buffers) {
          SimResult r =
              new Simulation(variant(pools, n, weeks, buf), params, trace, Strategy.HANGAR).run(f -> {});
          ParetoPoint p = ParetoPoint.of(series, "buffer " + ReportCharts.fmt(buf), false, r);
          points.add(p);
          out.printf(Locale.ROOT, "%-32s %-11s p95 %5.1f s, p99 %5.1f s, %6.0f inst-h, $%.2f%n",
              series, p.label(), p.p95(), p.p99(), p.runningHours(), p.cost());
        }
      }
    }
    Files.createDirectories(dir);
    String title = trace.size() + " jobs: cost vs p95 pickup";
    String svg = ParetoChart.svg(title, points);
    String table = ParetoChart.table(points, points.get(0).cost());
    Files.writeString(dir.resolve("pareto.svg"), svg);
    Files.writeString(dir.resolve("pareto.md"), table);
    Files.writeString(dir.resolve("report.html"),
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + ReportCharts.esc(title)
            + "</title></head><body style=\"font-family:system-ui,sans-serif\"><h1>"
            + ReportCharts.esc(title) + "</h1>" + svg + "<pre>" + ReportCharts.esc(table)
            + "</pre></body></html>\n");
    out.print(table);
    out.println("pareto: " + dir.resolve("pareto.svg") + ", pareto.md, report.html");
  }

  /** The pools with the sweep's knobs; schedules stay as configured. */
  static List<Pool> variant(List<Pool> pools, int maxJobsPerRunner, int forecastWeeks, double buffer) {
    List<Pool> outPools = new ArrayList<>();
    for (Pool p : pools) {
      ScalingConfig sc = p.scaling();
      ScalingConfig v = new ScalingConfig(
          sc.idleTimeoutSeconds(), sc.bootTimeoutSeconds(), sc.maxLaunchesPerMinute(), buffer,
          sc.spotBreaker(), sc.schedules(), sc.warmStartLeadSeconds(), maxJobsPerRunner,
          forecastWeeks);
      outPools.add(new Pool(p.name(), p.labels(), p.maxRunners(), p.minIdle(), p.tiers(), v));
    }
    return outPools;
  }

  private static int[] ints(String v, String dflt) {
    return Arrays.stream((v == null ? dflt : v).split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
  }

  private static double[] doubles(String v, String dflt) {
    return Arrays.stream((v == null ? dflt : v).split(",")).mapToDouble(x -> Double.parseDouble(x.trim())).toArray();
  }
}
