package dev.hangar.local.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a pool's forecast matched its arrivals, hour by hour: the mean absolute error of
 * the hourly mean forecast the policy saw against the jobs queued in that clock hour (both in
 * jobs/min). Weeks count from the clock hour of the pool's first job, as the arrival history
 * does; the headline figure covers the weeks after the first {@code forecastWeeks}, the ones
 * with a full history behind every hour. The hour of the last job is left out (the trace ends
 * in it), and so are hours no pass covered.
 *
 * @param pool pool name
 * @param forecastWeeks the pool's forecastWeeks (> 0)
 * @param hours hours in the headline figure
 * @param meanArrivalsPerMinute mean actual arrivals over those hours
 * @param maePerMinute mean absolute error over those hours (NaN when there are none)
 * @param weeks the same per week of the trace, from week 1
 */
public record ForecastAccuracy(
    String pool,
    int forecastWeeks,
    int hours,
    double meanArrivalsPerMinute,
    double maePerMinute,
    List<Week> weeks) {
  private static final int HOURS_PER_WEEK = 168;

  /**
   * One week of the trace.
   *
   * @param week 1 for the first week
   * @param historyWeeks weeks of history behind its hours (0 = the forecast is 0)
   * @param hours hours counted
   * @param meanArrivalsPerMinute mean actual arrivals
   * @param maePerMinute mean absolute error of the forecast
   */
  public record Week(
      int week, int historyWeeks, int hours, double meanArrivalsPerMinute, double maePerMinute) {
    /** Error relative to the mean arrivals (1.0 for a forecast of 0). */
    public double relative() {
      return maePerMinute / meanArrivalsPerMinute;
    }
  }

  /** Error relative to the mean arrivals: 0.25 = off by a quarter of the traffic on average. */
  public double relative() {
    return maePerMinute / meanArrivalsPerMinute;
  }

  /** The accuracy of a forecasting pool's series; null when forecasting is off or no job came. */
  public static ForecastAccuracy of(ForecastSeries s) {
    int first = s.firstArrivalSlot();
    if (!s.forecasting() || first < 0) {
      return null;
    }
    ForecastSeries.Buckets h = s.buckets(ForecastSeries.SLOTS_PER_HOUR);
    int firstHour = first / ForecastSeries.SLOTS_PER_HOUR;
    int endHour = s.lastArrivalSlot() / ForecastSeries.SLOTS_PER_HOUR;
    int weekCount = (endHour - firstHour + HOURS_PER_WEEK - 1) / HOURS_PER_WEEK;
    int[] hours = new int[weekCount];
    double[] actual = new double[weekCount];
    double[] error = new double[weekCount];
    for (int k = firstHour; k < endHour; k++) {
      double f = h.forecastPerMinute()[k];
      if (Double.isNaN(f)) {
        continue;
      }
      int w = (k - firstHour) / HOURS_PER_WEEK;
      double a = h.arrivalsPerMinute()[k];
      hours[w]++;
      actual[w] += a;
      error[w] += Math.abs(f - a);
    }
    List<Week> weeks = new ArrayList<>();
    int n = 0;
    double sumActual = 0;
    double sumError = 0;
    for (int w = 0; w < weekCount; w++) {
      weeks.add(new Week(w + 1, Math.min(w, s.forecastWeeks()), hours[w],
          actual[w] / hours[w], error[w] / hours[w]));
      if (w >= s.forecastWeeks()) {
        n += hours[w];
        sumActual += actual[w];
        sumError += error[w];
      }
    }
    return new ForecastAccuracy(
        s.pool(), s.forecastWeeks(), n, n == 0 ? Double.NaN : sumActual / n,
        n == 0 ? Double.NaN : sumError / n, weeks);
  }

  /** One line for the summary and the report. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (hours == 0) {
      sb.append(String.format(Locale.ROOT,
          "no hour after the first %d week(s) of history: no accuracy figure", forecastWeeks));
    } else {
      sb.append(String.format(Locale.ROOT,
          "hourly forecast MAE %.2f jobs/min = %.0f %% of the mean %.2f jobs/min over %d h of %s",
          maePerMinute, 100 * relative(), meanArrivalsPerMinute, hours,
          forecastWeeks + 1 == weeks.size()
              ? "week " + weeks.size()
              : "weeks " + (forecastWeeks + 1) + "-" + weeks.size()));
    }
    sb.append("; by week");
    for (Week w : weeks) {
      boolean none = w.hours() == 0 || w.meanArrivalsPerMinute() == 0;
      sb.append(w.week() == 1 ? " " : ", ").append(w.week()).append(": ")
          .append(none ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * w.relative()));
      if (w.historyWeeks() == 0) {
        sb.append(" (no history)");
      }
    }
    return sb.toString();
  }
}
