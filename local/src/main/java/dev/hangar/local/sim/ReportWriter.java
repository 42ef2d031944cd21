package dev.hangar.local.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code report.json} and a self-contained {@code report.html} (inline SVG charts). */
public final class ReportWriter {
  private static final double[] BUCKETS = {5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300};
  private static final int MAX_POINTS = 600;

  private ReportWriter() {}

  /** Writes both files into {@code dir} (created if needed). */
  public static void write(
      Path dir, String title, List<SimResult> runs, List<SweepPoint> sweep) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(dir.resolve("report.json").toFile(), toJson(title, runs, sweep));
    Files.writeString(dir.resolve("report.html"), html(title, runs, sweep));
  }

  static Map<String, Object> toJson(String title, List<SimResult> runs, List<SweepPoint> sweep) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("title", title);
    List<Object> rs = new ArrayList<>();
    for (SimResult r : runs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("strategy", r.strategy());
      m.put("jobs", r.jobs());
      m.put("completed", r.completed());
      m.put("jobsNeverRun", r.neverRun());
      m.put("jobsFailedBySpotInterruption", r.failedByInterruption());
      m.put("reruns", r.reruns());
      Map<String, Object> pickup = new LinkedHashMap<>();
      pickup.put("p50", r.pickup(0.5));
      pickup.put("p95", r.pickup(0.95));
      pickup.put("p99", r.pickup(0.99));
      pickup.put("max", r.pickup(1.0));
      pickup.put("histogram", histogram(r));
      m.put("pickupSeconds", pickup);
      m.put("runningInstanceHours", r.runningHours());
      m.put("parkedInstanceHours", r.parkedHours());
      m.put("costUsd", r.totalCost());
      m.put("spotBreakerOpenMinutes", r.breakerOpenMinutes());
      m.put("groups", r.groups());
      m.put("simulatedHours", r.simulatedHours());
      m.put("wallMillis", r.wallMillis());
      m.put("events", r.events());
      SimResult.TimeSeries s = r.series();
      Map<String, Object> ts = new LinkedHashMap<>();
      int[] idx = downsample(s.timesMs().length);
      List<Long> times = new ArrayList<>();
      List<Integer> queued = new ArrayList<>();
      List<Double> cost = new ArrayList<>();
      Map<String, Map<String, List<Integer>>> capacity = new LinkedHashMap<>();
      for (int g = 0; g < s.groups().size(); g++) {
        Map<String, List<Integer>> perState = new LinkedHashMap<>();
        for (String st : SimResult.TimeSeries.STATES) {
          perState.put(st, new ArrayList<>());
        }
        capacity.put(s.groups().get(g), perState);
      }
      for (int i : idx) {
        times.add(s.timesMs()[i]);
        queued.add(s.queued()[i]);
        cost.add(Math.round(s.cost()[i] * 100) / 100.0);
        for (int g = 0; g < s.groups().size(); g++) {
          for (int k = 0; k < SimResult.TimeSeries.STATES.size(); k++) {
            capacity.get(s.groups().get(g)).get(SimResult.TimeSeries.STATES.get(k)).add(s.counts()[i][g][k]);
          }
        }
      }
      ts.put("timesMs", times);
      ts.put("queued", queued);
      ts.put("costUsd", cost);
      ts.put("capacity", capacity);
      m.put("series", ts);
      if (!r.forecasts().isEmpty()) {
        m.put("forecast", r.forecasts().stream().map(ReportWriter::forecast).toList());
      }
      rs.add(m);
    }
    root.put("runs", rs);
    root.put("sweep", sweep);
    return root;
  }

  /** One pool's arrivals, rates and forecast accuracy; null where no pass covered a bucket. */
  private static Map<String, Object> forecast(ForecastSeries f) {
    ForecastSeries.Buckets b = f.chartBuckets();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pool", f.pool());
    m.put("forecastWeeks", f.forecastWeeks());
    m.put("bucketMinutes", b.minutes());
    m.put("timesMs", java.util.Arrays.stream(b.startMs()).boxed().toList());
    m.put("arrivalsPerMinute", rounded(b.arrivalsPerMinute()));
    m.put("recentPerMinute", rounded(b.recentPerMinute()));
    if (f.forecasting()) {
      m.put("forecastPerMinute", rounded(b.forecastPerMinute()));
    }
    m.put("idleBuffer", rounded(b.idleBuffer()));
    ForecastAccuracy a = ForecastAccuracy.of(f);
    if (a != null) {
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("hours", a.hours());
      acc.put("meanArrivalsPerMinute", round(a.meanArrivalsPerMinute()));
      acc.put("maePerMinute", round(a.maePerMinute()));
      acc.put("relativeMae", round(a.relative()));
      List<Object> weeks = new ArrayList<>();
      for (ForecastAccuracy.Week w : a.weeks()) {
        Map<String, Object> wm = new LinkedHashMap<>();
        wm.put("week", w.week());
        wm.put("historyWeeks", w.historyWeeks());
        wm.put("hours", w.hours());
        wm.put("meanArrivalsPerMinute", round(w.meanArrivalsPerMinute()));
        wm.put("maePerMinute", round(w.maePerMinute()));
        wm.put("relativeMae", round(w.relative()));
        weeks.add(wm);
      }
      acc.put("byWeek", weeks);
      m.put("accuracy", acc);
    }
    return m;
  }

  private static List<Double> rounded(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double x : v) {
      out.add(round(x));
    }
    return out;
  }

  /** Three decimals; null for NaN and infinities, which JSON cannot hold. */
  private static Double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
  }

  private static Map<String, Integer> histogram(SimResult r) {
    Map<String, Integer> h = new LinkedHashMap<>();
    double lo = 0;
    for (double b : BUCKETS) {
      h.put(ReportCharts.fmt(lo) + "-" + ReportCharts.fmt(b), 0);
      lo = b;
    }
    h.put(ReportCharts.fmt(lo) + "+", 0);
    List<String> keys = new ArrayList<>(h.keySet());
    for (double v : r.pickupSeconds()) {
      int k = 0;
      while (k < BUCKETS.length && v >= BUCKETS[k]) {
        k++;
      }
      h.merge(keys.get(k), 1, Integer::sum);
    }
    return h;
  }

  static int[] downsample(int n) {
    if (n <= MAX_POINTS) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] out = new int[MAX_POINTS];
    for (int i = 0; i < MAX_POINTS; i++) {
      out[i] = (int) ((long) i * (n - 1) / (MAX_POINTS - 1));
    }
    return out;
  }

  // ---- HTML ----

  static String html(String title, List<SimResult> runs, List<SweepPoint> sweep) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(ReportCharts.esc(title))
        .append("</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
            + "svg{background:#fff;border:1px solid #eee;margin:6px 0}.legend span{display:inline-block;"
            + "margin-right:12px}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}"
            + "</style></head><body>");
    h.append("<h1>").append(ReportCharts.esc(title)).append("</h1>");
    h.append("<h2>Summary</h2><pre>").append(ReportCharts.esc(Summary.table(runs))).append("</pre>");

    h.append("<h2>Pickup latency (cumulative share of jobs)</h2>");
    h.append(ReportCharts.cdfChart(runs));
    h.append("<h3>Pickup latency histogram (jobs per bucket, seconds)</h3><table><tr><th>bucket</th>");
    for (SimResult r : runs) {
      h.append("<th>").append(ReportCharts.esc(r.strategy())).append("</th>");
    }
    h.append("</tr>");
    List<Map<String, Integer>> hs = runs.stream().map(ReportWriter::histogram).toList();
    for (String k : hs.get(0).keySet()) {
      h.append("<tr><td>").append(k).append("</td>");
      for (Map<String, Integer> m : hs) {
        h.append("<td>").append(m.get(k)).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");

    h.append("<h2>Capacity by tier and state over time</h2>");
    for (SimResult r : runs) {
      h.append("<h3>").append(ReportCharts.esc(r.strategy())).append("</h3>").append(ReportCharts.capacityChart(r));
    }
    h.append("<h2>Cost over time (cumulative USD)</h2>").append(ReportCharts.costChart(runs));

    if (runs.stream().anyMatch(r -> !r.forecasts().isEmpty())) {
      h.append("<h2>Forecast vs arrivals (jobs/min)</h2>");
      for (SimResult r : runs) {
        for (ForecastSeries f : r.forecasts()) {
          h.append("<h3>").append(ReportCharts.esc(r.strategy() + ": pool " + f.pool())).append("</h3>")
              .append(ForecastChart.chart(f));
        }
      }
    }

    if (!sweep.isEmpty()) {
      h.append("<h2>Trade-off: warm pool size and minIdle</h2>");
      h.append(ReportCharts.sweepChart(sweep));
      h.append("<pre>").append(ReportCharts.esc(Summary.sweep(sweep))).append("</pre>");
    }
    h.append("</body></html>\n");
    return h.toString();
  }
}
