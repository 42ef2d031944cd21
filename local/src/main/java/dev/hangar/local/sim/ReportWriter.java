package dev.hangar.local.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code report.json} and a self-contained {@code report.html} (inline SVG charts). */
public final class ReportWriter {
  private static final String[] COLORS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };
  private static final String[] STATE_COLORS = {"#d62728", "#ff9896", "#ffbb78", "#aec7e8", "#1f77b4"};
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
      rs.add(m);
    }
    root.put("runs", rs);
    root.put("sweep", sweep);
    return root;
  }

  private static Map<String, Integer> histogram(SimResult r) {
    Map<String, Integer> h = new LinkedHashMap<>();
    double lo = 0;
    for (double b : BUCKETS) {
      h.put(fmt(lo) + "-" + fmt(b), 0);
      lo = b;
    }
    h.put(fmt(lo) + "+", 0);
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

  private static int[] downsample(int n) {
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
        .append(esc(title))
        .append("</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
            + "svg{background:#fff;border:1px solid #eee;margin:6px 0}.legend span{display:inline-block;"
            + "margin-right:12px}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}"
            + "</style></head><body>");
    h.append("<h1>").append(esc(title)).append("</h1>");
    h.append("<h2>Summary</h2><pre>").append(esc(Summary.table(runs))).append("</pre>");

    h.append("<h2>Pickup latency (cumulative share of jobs)</h2>");
    h.append(cdfChart(runs));
    h.append("<h3>Pickup latency histogram (jobs per bucket, seconds)</h3><table><tr><th>bucket</th>");
    for (SimResult r : runs) {
      h.append("<th>").append(esc(r.strategy())).append("</th>");
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
      h.append("<h3>").append(esc(r.strategy())).append("</h3>").append(capacityChart(r));
    }
    h.append("<h2>Cost over time (cumulative USD)</h2>").append(costChart(runs));

    if (!sweep.isEmpty()) {
      h.append("<h2>Trade-off: warm pool size and minIdle</h2>");
      h.append(sweepChart(sweep));
      h.append("<pre>").append(esc(Summary.sweep(sweep))).append("</pre>");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String cdfChart(List<SimResult> runs) {
    int w = 760;
    int hgt = 300;
    int l = 50;
    int b = 30;
    StringBuilder s = svgOpen(w, hgt);
    double maxLog = Math.log10(600);
    // x axis: log10 seconds from 1 to 600
    for (double tick : new double[] {1, 2, 5, 10, 20, 30, 60, 120, 300, 600}) {
      double x = l + (w - l - 10) * Math.log10(tick) / maxLog;
      s.append(line(x, 10, x, hgt - b, "#eee"));
      s.append(text(x, hgt - b + 14, fmt(tick) + "s", "middle"));
    }
    for (int p = 0; p <= 100; p += 25) {
      double y = (hgt - b) - (hgt - b - 10) * p / 100.0;
      s.append(line(l, y, w - 10, y, "#eee"));
      s.append(text(l - 4, y + 4, p + "%", "end"));
    }
    for (int k = 0; k < runs.size(); k++) {
      double[] v = runs.get(k).pickupSeconds();
      if (v.length == 0) {
        continue;
      }
      StringBuilder pts = new StringBuilder();
      int step = Math.max(1, v.length / 800);
      for (int i = 0; i < v.length; i += step) {
        appendCdfPoint(pts, v[i], (i + 1) / (double) v.length, w, hgt, l, b, maxLog);
      }
      appendCdfPoint(pts, v[v.length - 1], 1.0, w, hgt, l, b, maxLog);
      s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(COLORS[k % COLORS.length]).append("\" points=\"").append(pts).append("\"/>");
    }
    s.append("</svg>");
    return s + legend(runs.stream().map(SimResult::strategy).toList(), COLORS);
  }

  private static void appendCdfPoint(
      StringBuilder pts, double sec, double frac, int w, int hgt, int l, int b, double maxLog) {
    double xs = Math.log10(Math.max(1, Math.min(600, sec))) / maxLog;
    double x = l + (w - l - 10) * xs;
    double y = (hgt - b) - (hgt - b - 10) * frac;
    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
  }

  private static String capacityChart(SimResult r) {
    SimResult.TimeSeries s = r.series();
    int n = s.timesMs().length;
    if (n < 2) {
      return "<p>(no samples)</p>";
    }
    int[] idx = downsample(n);
    int groups = s.groups().size();
    int states = SimResult.TimeSeries.STATES.size();
    int layers = groups * states;
    int[][] stack = new int[idx.length][layers + 1];
    int max = 1;
    for (int p = 0; p < idx.length; p++) {
      int acc = 0;
      for (int g = 0; g < groups; g++) {
        for (int k = 0; k < states; k++) {
          acc += s.counts()[idx[p]][g][k];
          stack[p][g * states + k + 1] = acc;
        }
      }
      max = Math.max(max, Math.max(acc, s.queued()[idx[p]]));
    }
    int w = 760;
    int hgt = 260;
    int l = 50;
    int b = 30;
    StringBuilder svg = svgOpen(w, hgt);
    axes(svg, s.timesMs()[0], s.timesMs()[n - 1], max, w, hgt, l, b);
    List<String> names = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    for (int layer = 0; layer < layers; layer++) {
      int g = layer / states;
      int k = layer % states;
      StringBuilder top = new StringBuilder();
      StringBuilder bottom = new StringBuilder();
      boolean any = false;
      for (int p = 0; p < idx.length; p++) {
        double x = l + (w - l - 10) * p / (double) (idx.length - 1);
        top.append(pt(x, y(stack[p][layer + 1], max, hgt, b)));
        any |= stack[p][layer + 1] != stack[p][layer];
      }
      for (int p = idx.length - 1; p >= 0; p--) {
        double x = l + (w - l - 10) * p / (double) (idx.length - 1);
        bottom.append(pt(x, y(stack[p][layer], max, hgt, b)));
      }
      if (!any) {
        continue;
      }
      String color = shade(STATE_COLORS[k], g);
      svg.append("<polygon stroke=\"none\" fill=\"").append(color).append("\" points=\"")
          .append(top).append(bottom).append("\"/>");
      names.add(s.groups().get(g) + " " + SimResult.TimeSeries.STATES.get(k));
      colors.add(color);
    }
    StringBuilder q = new StringBuilder();
    for (int p = 0; p < idx.length; p++) {
      double x = l + (w - l - 10) * p / (double) (idx.length - 1);
      q.append(pt(x, y(s.queued()[idx[p]], max, hgt, b)));
    }
    svg.append("<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"1\" points=\"").append(q).append("\"/>");
    svg.append("</svg>");
    names.add("queued jobs");
    colors.add("#000");
    return svg + legend(names, colors.toArray(String[]::new));
  }

  private static String costChart(List<SimResult> runs) {
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    double max = 0.01;
    for (SimResult r : runs) {
      long[] t = r.series().timesMs();
      if (t.length > 0) {
        t0 = Math.min(t0, t[0]);
        t1 = Math.max(t1, t[t.length - 1]);
      }
      for (double c : r.series().cost()) {
        max = Math.max(max, c);
      }
    }
    if (t0 >= t1) {
      return "<p>(no samples)</p>";
    }
    int w = 760;
    int hgt = 260;
    int l = 60;
    int b = 30;
    StringBuilder svg = svgOpen(w, hgt);
    axes(svg, t0, t1, max, w, hgt, l, b);
    for (int k = 0; k < runs.size(); k++) {
      SimResult.TimeSeries s = runs.get(k).series();
      int[] idx = downsample(s.timesMs().length);
      StringBuilder pts = new StringBuilder();
      for (int i : idx) {
        double x = l + (w - l - 10) * (s.timesMs()[i] - t0) / (double) (t1 - t0);
        pts.append(pt(x, y(s.cost()[i], max, hgt, b)));
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(COLORS[k % COLORS.length]).append("\" points=\"").append(pts).append("\"/>");
    }
    svg.append("</svg>");
    return svg + legend(runs.stream().map(SimResult::strategy).toList(), COLORS);
  }

  private static String sweepChart(List<SweepPoint> sweep) {
    double maxCost = 0.01;
    double maxP95 = 1;
    for (SweepPoint p : sweep) {
      maxCost = Math.max(maxCost, p.cost());
      maxP95 = Math.max(maxP95, p.p95());
    }
    int w = 760;
    int hgt = 300;
    int l = 60;
    int b = 30;
    StringBuilder svg = svgOpen(w, hgt);
    for (int i = 0; i <= 4; i++) {
      double yv = maxP95 * i / 4;
      double yy = y(yv, maxP95, hgt, b);
      svg.append(line(l, yy, w - 10, yy, "#eee")).append(text(l - 4, yy + 4, fmt(yv) + "s", "end"));
      double xv = maxCost * i / 4;
      double xx = l + (w - l - 10) * i / 4.0;
      svg.append(text(xx, hgt - b + 14, "$" + fmt(xv), "middle"));
    }
    for (SweepPoint p : sweep) {
      double x = l + (w - l - 10) * p.cost() / maxCost;
      double yy = y(p.p95(), maxP95, hgt, b);
      svg.append(String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\"><title>warmPool %d, minIdle %d: p95 %.1fs, $%.2f</title></circle>",
          x, yy, p.warmPoolSize(), p.minIdle(), p.p95(), p.cost()));
      svg.append(text(x + 6, yy - 4, p.warmPoolSize() + "/" + p.minIdle(), "start"));
    }
    svg.append("</svg><p>x: cost (USD), y: p95 pickup; labels are warmPool/minIdle.</p>");
    return svg.toString();
  }

  private static void axes(StringBuilder svg, long t0, long t1, double max, int w, int hgt, int l, int b) {
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double yy = y(v, max, hgt, b);
      svg.append(line(l, yy, w - 10, yy, "#eee")).append(text(l - 4, yy + 4, fmt(v), "end"));
      long t = t0 + (t1 - t0) * i / 4;
      double xx = l + (w - l - 10) * i / 4.0;
      svg.append(text(xx, hgt - b + 14, Instant.ofEpochMilli(t).toString().substring(0, 16).replace('T', ' '), "middle"));
    }
  }

  private static double y(double v, double max, int hgt, int b) {
    return (hgt - b) - (hgt - b - 10) * v / max;
  }

  private static String pt(double x, double y) {
    return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
  }

  private static StringBuilder svgOpen(int w, int h) {
    return new StringBuilder(
        String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">", w, h));
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2, color);
  }

  private static String text(double x, double y, String t, String anchor) {
    return String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(t));
  }

  private static String legend(List<String> names, String[] colors) {
    StringBuilder s = new StringBuilder("<div class=\"legend\">");
    for (int i = 0; i < names.size(); i++) {
      s.append("<span><i class=\"sw\" style=\"background:").append(colors[i % colors.length])
          .append("\"></i>").append(esc(names.get(i))).append("</span>");
    }
    return s.append("</div>").toString();
  }

  private static String shade(String hex, int group) {
    if (group == 0) {
      return hex;
    }
    int rgb = Integer.parseInt(hex.substring(1), 16);
    int r = (rgb >> 16) & 255;
    int g = (rgb >> 8) & 255;
    int b = rgb & 255;
    double f = Math.max(0.4, 1 - 0.3 * group);
    return String.format("#%02x%02x%02x", (int) (r * f), (int) (g * f), (int) (b * f));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
