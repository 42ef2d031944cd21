package dev.hangar.local.sim;

import java.util.List;

/**
 * The outcome of one simulation run.
 *
 * @param strategy which strategy ran
 * @param jobs trace jobs
 * @param completed trace jobs that completed successfully
 * @param neverRun trace jobs that never completed (must be 0 for Hangar)
 * @param failedByInterruption jobs whose runner was reclaimed and that nobody re-ran
 * @param reruns job attempts re-run after a spot interruption
 * @param pickupSeconds sorted pickup latencies of first attempts
 * @param groups per group usage and cost
 * @param totalCost estimated USD
 * @param breakerOpenMinutes minutes with the spot breaker open (summed over pools)
 * @param series capacity and cost over time
 * @param simulatedHours virtual time covered
 * @param wallMillis real time the run took
 * @param events events processed
 * @param forecasts per pool, arrivals next to the recent rate and forecast the policy saw
 *     (empty for the baselines, which run no reconcile pass)
 */
public record SimResult(
    String strategy,
    int jobs,
    int completed,
    int neverRun,
    int failedByInterruption,
    int reruns,
    double[] pickupSeconds,
    List<GroupStats> groups,
    double totalCost,
    double breakerOpenMinutes,
    TimeSeries series,
    double simulatedHours,
    long wallMillis,
    long events,
    List<ForecastSeries> forecasts) {

  /** The {@code q} quantile (0..1) of pickup latency, nearest rank. */
  public double pickup(double q) {
    return nearestRank(pickupSeconds, q);
  }

  /** The {@code q} quantile (0..1) of sorted {@code values}, nearest rank (0 when empty). */
  static double nearestRank(double[] values, double q) {
    if (values.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(q * values.length) - 1;
    return values[Math.max(0, Math.min(values.length - 1, idx))];
  }

  /** Instance-hours in running states over all groups. */
  public double runningHours() {
    return groups.stream().mapToDouble(GroupStats::runningHours).sum();
  }

  /** Instance-hours stopped or hibernated in warm pools. */
  public double parkedHours() {
    return groups.stream().mapToDouble(g -> g.stoppedHours() + g.hibernatedHours()).sum();
  }

  /**
   * Capacity over time: at each sample time, per group the instances busy, idle, booting,
   * warming and warm, the queued jobs and the cost so far.
   */
  public record TimeSeries(
      List<String> groups, long[] timesMs, int[][][] counts, int[] queued, double[] cost) {
    /** State names in {@code counts[sample][group][state]} order. */
    public static final List<String> STATES = List.of("busy", "idle", "booting", "warming", "warm");
  }
}
