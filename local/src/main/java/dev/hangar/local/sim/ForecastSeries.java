package dev.hangar.local.sim;

/**
 * One pool over a run in ten-minute slots: jobs queued, and the time-weighted means of what
 * the reconcile passes saw (NaN in slots no pass covered).
 *
 * @param pool pool name
 * @param forecastWeeks the pool's {@code scaling.forecastWeeks} (0 = forecasting off)
 * @param originMs start of slot 0, a clock hour
 * @param arrivals jobs queued per slot (first attempts and re-runs, as the ledger sees them)
 * @param recentPerMinute the recent arrival rate the policy saw (jobs/min)
 * @param forecastPerMinute the forecast the policy saw (jobs/min; 0 while history is empty)
 * @param idleBuffer the plan's target minus queued and running jobs (instances)
 */
public record ForecastSeries(
    String pool,
    int forecastWeeks,
    long originMs,
    int[] arrivals,
    double[] recentPerMinute,
    double[] forecastPerMinute,
    double[] idleBuffer) {
  /** Slot length. */
  public static final long SLOT_MS = 600_000L;
  /** Slots in a clock hour. */
  public static final int SLOTS_PER_HOUR = 6;
  private static final int[] BUCKET_MINUTES = {10, 30, 60, 180, 360, 1440};
  private static final int MAX_BUCKETS = 800;

  /** True when the pool forecasts from its history. */
  public boolean forecasting() {
    return forecastWeeks > 0;
  }

  /** Index of the first slot with an arrival, or -1. */
  public int firstArrivalSlot() {
    for (int s = 0; s < arrivals.length; s++) {
      if (arrivals[s] > 0) {
        return s;
      }
    }
    return -1;
  }

  /** Index of the last slot with an arrival, or -1. */
  public int lastArrivalSlot() {
    for (int s = arrivals.length - 1; s >= 0; s--) {
      if (arrivals[s] > 0) {
        return s;
      }
    }
    return -1;
  }

  /** The series in buckets fine enough to show a day's shape, at most 800 of them. */
  public Buckets chartBuckets() {
    for (int m : BUCKET_MINUTES) {
      int slots = m / 10;
      if ((arrivals.length + slots - 1) / slots <= MAX_BUCKETS) {
        return buckets(slots);
      }
    }
    return buckets(Math.max(1, arrivals.length / MAX_BUCKETS + 1));
  }

  /** The series in buckets of {@code slots} slots each, starting at the origin. */
  public Buckets buckets(int slots) {
    int n = (arrivals.length + slots - 1) / slots;
    long[] start = new long[n];
    double[] a = new double[n];
    double[] r = new double[n];
    double[] f = new double[n];
    double[] b = new double[n];
    double minutes = slots * SLOT_MS / 60_000.0;
    for (int k = 0; k < n; k++) {
      start[k] = originMs + k * slots * SLOT_MS;
      int from = k * slots;
      int to = Math.min(arrivals.length, from + slots);
      int count = 0;
      for (int s = from; s < to; s++) {
        count += arrivals[s];
      }
      a[k] = count / minutes;
      r[k] = mean(recentPerMinute, from, to);
      f[k] = mean(forecastPerMinute, from, to);
      b[k] = mean(idleBuffer, from, to);
    }
    return new Buckets((int) minutes, start, a, r, f, b);
  }

  /** Mean of the covered (non-NaN) slots; slots have equal length, so this weights by time. */
  private static double mean(double[] v, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int s = from; s < to; s++) {
      if (!Double.isNaN(v[s])) {
        sum += v[s];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * The series bucketed for a chart or an accuracy figure; rates in jobs/min, NaN where no
   * pass covered the bucket.
   *
   * @param minutes bucket length
   * @param startMs bucket starts
   * @param arrivalsPerMinute jobs queued in the bucket per minute
   * @param recentPerMinute mean recent rate the policy saw
   * @param forecastPerMinute mean forecast the policy saw
   * @param idleBuffer mean idle buffer planned (instances)
   */
  public record Buckets(
      int minutes,
      long[] startMs,
      double[] arrivalsPerMinute,
      double[] recentPerMinute,
      double[] forecastPerMinute,
      double[] idleBuffer) {}
}
