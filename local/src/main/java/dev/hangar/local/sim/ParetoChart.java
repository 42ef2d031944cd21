package dev.hangar.local.sim;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cost against p95 pickup: Hangar configurations as curves, baselines as points (SVG). */
final class ParetoChart {
  private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};

  private ParetoChart() {}

  static String svg(String title, List<ParetoPoint> points) {
    double maxCost = 0.01;
    double maxP95 = 1;
    for (ParetoPoint p : points) {
      maxCost = Math.max(maxCost, p.cost());
      maxP95 = Math.max(maxP95, p.p95());
    }
    maxCost *= 1.08;
    maxP95 *= 1.1;
    int w = 760;
    int h = 360;
    int l = 60;
    int b = 40;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\""
            + " font-family=\"sans-serif\"><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>", w, h));
    s.append(ReportCharts.text(w / 2.0, 14, title, "middle"));
    for (int i = 0; i <= 5; i++) {
      double yv = maxP95 * i / 5;
      double yy = ReportCharts.y(yv, maxP95, h, b);
      s.append(ReportCharts.line(l, yy, w - 10, yy, "#eee"))
          .append(ReportCharts.text(l - 4, yy + 4, ReportCharts.fmt(Math.round(yv)) + " s", "end"));
      double xv = maxCost * i / 5;
      double xx = l + (w - l - 10) * i / 5.0;
      s.append(ReportCharts.text(xx, h - b + 14, "$" + ReportCharts.fmt(Math.round(xv)), "middle"));
    }
    s.append(ReportCharts.text(w / 2.0, h - 8, "cost (USD) → ; p95 pickup ↑", "middle"));
    Map<String, List<ParetoPoint>> curves = new LinkedHashMap<>();
    for (ParetoPoint p : points) {
      if (!p.baseline()) {
        curves.computeIfAbsent(p.series(), k -> new java.util.ArrayList<>()).add(p);
      }
    }
    int c = 0;
    int legendY = 30;
    for (Map.Entry<String, List<ParetoPoint>> e : curves.entrySet()) {
      String color = COLORS[c++ % COLORS.length];
      StringBuilder poly = new StringBuilder();
      for (ParetoPoint p : e.getValue().stream().sorted(Comparator.comparingDouble(ParetoPoint::cost)).toList()) {
        double x = l + (w - l - 10) * p.cost() / maxCost;
        double yy = ReportCharts.y(p.p95(), maxP95, h, b);
        poly.append(ReportCharts.pt(x, yy));
        s.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s %s: p95 %.1f s, $%.2f</title></circle>",
            x, yy, color, ReportCharts.esc(e.getKey()), ReportCharts.esc(p.label()), p.p95(), p.cost()));
        s.append(ReportCharts.text(x + 5, yy - 5, p.label(), "start"));
      }
      s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" points=\"")
          .append(poly).append("\"/>");
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
          w - 200, legendY - 9, color));
      s.append(ReportCharts.text(w - 185, legendY, e.getKey(), "start"));
      legendY += 15;
    }
    for (ParetoPoint p : points) {
      if (p.baseline()) {
        double x = l + (w - l - 10) * p.cost() / maxCost;
        double yy = ReportCharts.y(p.p95(), maxP95, h, b);
        s.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#d62728\"/>", x - 4, yy - 4));
        s.append(ReportCharts.text(x + 6, yy + 12, p.series() + " ($" + Math.round(p.cost()) + ", "
            + ReportCharts.fmt(p.p95()) + " s)", "start"));
      }
    }
    return s.append("</svg>\n").toString();
  }

  /** A Markdown table of the points. */
  static String table(List<ParetoPoint> points, double baselineCost) {
    StringBuilder t = new StringBuilder(
        "| run | knobs | p95 s | p99 s | running inst-h | $ | % of cold-per-job $ |\n"
            + "|---|---|---:|---:|---:|---:|---:|\n");
    for (ParetoPoint p : points) {
      t.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.0f | %.2f | %.0f %% |%n",
          p.series(), p.label(), p.p95(), p.p99(), p.runningHours(), p.cost(),
          100 * p.cost() / baselineCost));
    }
    return t.toString();
  }
}
