package dev.hangar.local.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The "Forecast vs arrivals" chart of one pool in {@code report.html}. */
final class ForecastChart {
  private static final long WEEK_MS = 7 * 24 * 3_600_000L;
  private static final String ARRIVALS = "#c7c7c7";
  private static final String RECENT = ReportCharts.COLORS[0];
  private static final String FORECAST = ReportCharts.COLORS[1];

  private ForecastChart() {}

  /** The chart, its legend and a caption with the units and, when on, the accuracy. */
  static String chart(ForecastSeries s) {
    ForecastSeries.Buckets b = s.chartBuckets();
    int n = b.startMs().length;
    if (n < 2 || s.firstArrivalSlot() < 0) {
      return "<p>(no arrivals)</p>";
    }
    double max = 0.1;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, b.arrivalsPerMinute()[k]);
      max = maxOf(max, b.recentPerMinute()[k]);
      if (s.forecasting()) {
        max = maxOf(max, b.forecastPerMinute()[k]);
      }
    }
    int w = 760;
    int hgt = 260;
    int l = 50;
    int bottom = 30;
    long t0 = b.startMs()[0];
    long t1 = b.startMs()[n - 1] + b.minutes() * 60_000L;
    StringBuilder svg = ReportCharts.svgOpen(w, hgt);
    ReportCharts.axes(svg, t0, t1, max, w, hgt, l, bottom);
    weekLines(svg, s, t0, t1, w, l, ReportCharts.y(0, max, hgt, bottom));
    // Arrivals are counts per bucket: a step outline filled down to zero.
    StringBuilder area = new StringBuilder("M");
    area.append(ReportCharts.pt(l, ReportCharts.y(0, max, hgt, bottom)));
    for (int k = 0; k < n; k++) {
      double yy = ReportCharts.y(b.arrivalsPerMinute()[k], max, hgt, bottom);
      area.append('L').append(ReportCharts.pt(x(b.startMs()[k], t0, t1, w, l), yy));
      area.append('L').append(ReportCharts.pt(x(b.startMs()[k] + b.minutes() * 60_000L, t0, t1, w, l), yy));
    }
    area.append('L').append(ReportCharts.pt(w - 10, ReportCharts.y(0, max, hgt, bottom))).append('Z');
    svg.append("<path class=\"arrivals\" stroke=\"none\" fill=\"").append(ARRIVALS)
        .append("\" d=\"").append(area).append("\"/>");
    svg.append(line("recent", b, b.recentPerMinute(), RECENT, "1", t0, t1, max, w, hgt, l, bottom));
    List<String> names = new ArrayList<>(List.of("jobs queued", "recent rate (last 5 min)"));
    List<String> colors = new ArrayList<>(List.of(ARRIVALS, RECENT));
    if (s.forecasting()) {
      svg.append(line("forecast", b, b.forecastPerMinute(), FORECAST, "2", t0, t1, max, w, hgt, l, bottom));
      names.add("forecast (" + s.forecastWeeks() + " wk of history)");
      colors.add(FORECAST);
    }
    svg.append("</svg>");
    StringBuilder out = new StringBuilder(svg).append(ReportCharts.legend(names, colors.toArray(String[]::new)));
    out.append("<p>y: jobs per minute, mean over ").append(b.minutes())
        .append("-minute buckets (rates: time-weighted mean of what the reconcile passes saw).");
    if (s.forecasting()) {
      ForecastAccuracy a = ForecastAccuracy.of(s);
      out.append(" Accuracy: ").append(ReportCharts.esc(a.describe())).append('.');
    } else {
      out.append(" <b>Forecasting is off</b> for this pool (forecastWeeks: 0):"
          + " the idle buffer follows the recent rate only.");
    }
    return out.append("</p>").toString();
  }

  /** A line through the bucket middles, broken where no pass covered a bucket. */
  private static String line(
      String cls, ForecastSeries.Buckets b, double[] v, String color, String width,
      long t0, long t1, double max, int w, int hgt, int l, int bottom) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int k = 0; k < v.length; k++) {
      if (Double.isNaN(v[k])) {
        pen = false;
        continue;
      }
      double xx = x(b.startMs()[k] + b.minutes() * 30_000L, t0, t1, w, l);
      d.append(pen ? 'L' : 'M').append(ReportCharts.pt(xx, ReportCharts.y(v[k], max, hgt, bottom)));
      pen = true;
    }
    return "<path class=\"" + cls + "\" fill=\"none\" stroke-width=\"" + width + "\" stroke=\"" + color
        + "\" d=\"" + d + "\"/>";
  }

  /** Dashed week boundaries, counted from the pool's first job as the history counts them. */
  private static void weekLines(
      StringBuilder svg, ForecastSeries s, long t0, long t1, int w, int l, double axisY) {
    long first = s.originMs() + s.firstArrivalSlot() / ForecastSeries.SLOTS_PER_HOUR * 3_600_000L;
    if (first + WEEK_MS < t1) {
      svg.append(ReportCharts.text(x(first, t0, t1, w, l) + 3, 20, "week 1", "start"));
    }
    for (int k = 1; first + k * WEEK_MS < t1; k++) {
      double xx = x(first + k * WEEK_MS, t0, t1, w, l);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>",
          xx, xx, axisY));
      svg.append(ReportCharts.text(xx + 3, 20, "week " + (k + 1), "start"));
    }
  }

  private static double x(long t, long t0, long t1, int w, int l) {
    return l + (w - l - 10) * (t - t0) / (double) (t1 - t0);
  }

  private static double maxOf(double max, double v) {
    return Double.isNaN(v) ? max : Math.max(max, v);
  }
}
