package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.observability.AgentMetrics;
import java.time.Clock;

/** What every agent call works with: the managed-instance lookup, the registry, meters and clock. */
record AgentContext(
    ManagedInstances managed, AgentRegistry registry, AgentMetrics metrics, Clock clock) {}
