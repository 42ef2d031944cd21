package dev.hangar.local.sim;

/**
 * One point of a knob sweep: the knobs and what they gave.
 *
 * @param warmPoolSize warm pool size of every warm tier
 * @param minIdle idle runners kept
 * @param p95 p95 pickup latency, seconds
 * @param p99 p99 pickup latency, seconds
 * @param runningHours instance-hours running
 * @param cost estimated USD
 */
public record SweepPoint(
    int warmPoolSize, int minIdle, double p95, double p99, double runningHours, double cost) {}
