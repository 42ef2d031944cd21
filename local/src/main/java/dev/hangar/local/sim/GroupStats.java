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
    long interruptions) {}
