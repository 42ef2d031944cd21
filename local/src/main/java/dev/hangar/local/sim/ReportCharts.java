package dev.hangar.local.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The inline SVG charts of {@code report.html}. */
final class ReportCharts {
  static final String[] COLORS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };
  static final String[] STATE_COLORS = {"#d62728", "#ff9896", "#ffbb78", "#aec7e8", "#1f77b4"};

  private ReportCharts() {}

  static String cdfChart(List<SimResult> runs) {
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

  static void appendCdfPoint(
      StringBuilder pts, double sec, double frac, int w, int hgt, int l, int b, double maxLog) {
    double xs = Math.log10(Math.max(1, Math.min(600, sec))) / maxLog;
    double x = l + (w - l - 10) * xs;
    double y = (hgt - b) - (hgt - b - 10) * frac;
    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
  }

  static String capacityChart(SimResult r) {
    SimResult.TimeSeries s = r.series();
    int n = s.timesMs().length;
    if (n < 2) {
      return "<p>(no samples)</p>";
    }
    int[] idx = ReportWriter.downsample(n);
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

  static String costChart(List<SimResult> runs) {
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
      int[] idx = ReportWriter.downsample(s.timesMs().length);
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

  static String sweepChart(List<SweepPoint> sweep) {
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

  static void axes(StringBuilder svg, long t0, long t1, double max, int w, int hgt, int l, int b) {
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double yy = y(v, max, hgt, b);
      svg.append(line(l, yy, w - 10, yy, "#eee")).append(text(l - 4, yy + 4, fmt(v), "end"));
      long t = t0 + (t1 - t0) * i / 4;
      double xx = l + (w - l - 10) * i / 4.0;
      svg.append(text(xx, hgt - b + 14, Instant.ofEpochMilli(t).toString().substring(0, 16).replace('T', ' '), "middle"));
    }
  }

  static double y(double v, double max, int hgt, int b) {
    return (hgt - b) - (hgt - b - 10) * v / max;
  }

  static String pt(double x, double y) {
    return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
  }

  static StringBuilder svgOpen(int w, int h) {
    return new StringBuilder(
        String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">", w, h));
  }

  static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2, color);
  }

  static String text(double x, double y, String t, String anchor) {
    return String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(t));
  }

  static String legend(List<String> names, String[] colors) {
    StringBuilder s = new StringBuilder("<div class=\"legend\">");
    for (int i = 0; i < names.size(); i++) {
      s.append("<span><i class=\"sw\" style=\"background:").append(colors[i % colors.length])
          .append("\"></i>").append(esc(names.get(i))).append("</span>");
    }
    return s.append("</div>").toString();
  }

  static String shade(String hex, int group) {
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

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
