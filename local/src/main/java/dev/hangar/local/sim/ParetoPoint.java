package dev.hangar.local.sim;

/**
 * One run of a cost/latency sweep.
 *
 * @param series curve the point belongs to ("hangar reuse 1", or a baseline's name)
 * @param label the knobs of the point
 * @param baseline true for a baseline (drawn as a point, not a curve)
 * @param p95 p95 pickup, seconds
 * @param p99 p99 pickup, seconds
 * @param runningHours running instance-hours
 * @param cost USD
 */
public record ParetoPoint(
    String series, String label, boolean baseline, double p95, double p99, double runningHours,
    double cost) {

  /** The point of a finished run. */
  static ParetoPoint of(String series, String label, boolean baseline, SimResult r) {
    return new ParetoPoint(
        series, label, baseline, r.pickup(0.95), r.pickup(0.99), r.runningHours(), r.totalCost());
  }
}
