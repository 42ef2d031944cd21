package dev.hangar.local.sim;

import java.util.List;
import java.util.Locale;

/** The console summary of a simulation: one column per strategy. */
public final class Summary {
  private Summary() {}

  /** A fixed-width table comparing the runs. */
  public static String table(List<SimResult> runs) {
    StringBuilder sb = new StringBuilder();
    row(sb, "", runs.stream().map(SimResult::strategy).toList());
    row(sb, "pickup p50 (s)", runs.stream().map(r -> f1(r.pickup(0.50))).toList());
    row(sb, "pickup p95 (s)", runs.stream().map(r -> f1(r.pickup(0.95))).toList());
    row(sb, "pickup p99 (s)", runs.stream().map(r -> f1(r.pickup(0.99))).toList());
    row(sb, "pickup max (s)", runs.stream().map(r -> f1(r.pickup(1.0))).toList());
    row(sb, "running inst-h", runs.stream().map(r -> f1(r.runningHours())).toList());
    row(sb, "stopped inst-h", runs.stream().map(r -> f1(r.parkedHours())).toList());
    row(sb, "cost (USD)", runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.totalCost())).toList());
    row(sb, "jobs", runs.stream().map(r -> String.valueOf(r.jobs())).toList());
    row(sb, "jobs never run", runs.stream().map(r -> String.valueOf(r.neverRun())).toList());
    row(sb, "failed by spot", runs.stream().map(r -> String.valueOf(r.failedByInterruption())).toList());
    row(sb, "re-runs", runs.stream().map(r -> String.valueOf(r.reruns())).toList());
    row(sb, "wall time (s)", runs.stream().map(r -> f1(r.wallMillis() / 1000.0)).toList());
    sb.append("instance-hours by tier and state:\n");
    for (SimResult r : runs) {
      for (GroupStats g : r.groups()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-13s %-28s %-9s %-10s running %8.1f h, stopped %8.1f h, hibernated %6.1f h,"
                    + " $%9.2f, %d launches (%d warm)%n",
                r.strategy(), g.asg(), g.spot() ? "spot" : "on-demand", g.instanceType(), g.runningHours(),
                g.stoppedHours(), g.hibernatedHours(), g.cost(), g.launches(), g.warmStarts()));
      }
    }
    for (SimResult r : runs) {
      for (ForecastSeries f : r.forecasts()) {
        ForecastAccuracy a = ForecastAccuracy.of(f);
        if (a != null) {
          sb.append(String.format(Locale.ROOT, "forecast accuracy, %s pool %s (forecastWeeks %d): %s%n",
              r.strategy(), f.pool(), f.forecastWeeks(), a.describe()));
        }
      }
    }
    return sb.toString();
  }

  /** The sweep as a table. */
  public static String sweep(List<SweepPoint> points) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%8s %8s %9s %9s %12s %10s%n",
        "warmPool", "minIdle", "p95 (s)", "p99 (s)", "running h", "cost $"));
    for (SweepPoint p : points) {
      sb.append(String.format(Locale.ROOT, "%8d %8d %9.1f %9.1f %12.1f %10.2f%n",
          p.warmPoolSize(), p.minIdle(), p.p95(), p.p99(), p.runningHours(), p.cost()));
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, List<String> cells) {
    sb.append(String.format(Locale.ROOT, "%-16s", name));
    for (String c : cells) {
      sb.append(String.format(Locale.ROOT, "%14s", c));
    }
    sb.append('\n');
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
