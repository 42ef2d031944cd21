package dev.hangar.local.sim;

/**
 * What one simulated group used.
 *
 * @param asg group name
 * @param pool pool name
 * @param instanceType the group's instance type (prices)
 * @param spot spot or on-demand
 * @param runningHours instance-hours in running states (booting, busy, idle, warming)
 * @param stoppedHours instance-hours stopped in the warm pool (EBS only)
 * @param hibernatedHours instance-hours hibernated in the warm pool
 * @param cost estimated USD
 * @param launches instances put into service
 * @param warmStarts of which started from the warm pool
 * @param capacityErrors failed spot launches
 * @param interruptions spot interruption notices
 */
public record GroupStats(
    String asg,
    String pool,
    String instanceType,
    boolean spot,
    double runningHours,
    double stoppedHours,
    double hibernatedHours,
    double cost,
    long launches,
    long warmStarts,
    long capacityErrors,
    long interruptions) {

  /** The usage and cost of a group so far (call {@link SimGroup#advance} first). */
  static GroupStats of(SimGroup g, SimParams params) {
    double running = g.seconds[SimInstance.CostClass.RUNNING.ordinal()] / 3600;
    double stopped = g.seconds[SimInstance.CostClass.STOPPED.ordinal()] / 3600;
    double hibernated = g.seconds[SimInstance.CostClass.HIBERNATED.ordinal()] / 3600;
    double price = params.hourly(g.instanceType, g.spot);
    double cost =
        (running + g.minimumTopUpSeconds / 3600) * price
            + (running + stopped + hibernated) * params.ebsHourly()
            + hibernated * params.ramGb() * params.ebsGbMonthly() / 730.0;
    return new GroupStats(
        g.asg, g.pool, g.instanceType, g.spot, running, stopped, hibernated, cost, g.launches,
        g.warmStarts, g.capacityErrors, g.interruptions);
  }
}
