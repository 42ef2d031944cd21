package dev.hangar.gateway.domain;

import java.time.Instant;

/**
 * One instance of a tier as the policy sees it.
 *
 * @param instanceId EC2 instance id (also the runner name)
 * @param state what it is doing
 * @param since when it entered that state (idle since, booting since launch)
 * @param launchedAt when it was launched or last started from the warm pool
 */
public record InstanceView(String instanceId, RunnerState state, Instant since, Instant launchedAt) {}
