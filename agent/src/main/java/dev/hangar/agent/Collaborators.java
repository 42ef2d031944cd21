package dev.hangar.agent;

import dev.hangar.agent.core.Inbox;
import dev.hangar.agent.gateway.GatewayClient;
import dev.hangar.agent.health.EmfWriter;
import dev.hangar.agent.log.Log;
import dev.hangar.agent.runner.HookServer;
import dev.hangar.agent.runner.RunnerSupervisor;
import dev.hangar.agent.runner.RunnerUpdater;
import dev.hangar.agent.watch.ImdsReader;
import dev.hangar.agent.watch.LifecycleWatcher;
import dev.hangar.agent.watch.SpotWatcher;
import java.time.Clock;

/** Everything the agent works with, made by {@link AgentFactory} (or a test) and handed to {@link Agent}. */
public record Collaborators(
    Log log,
    Clock clock,
    Inbox inbox,
    Timers timers,
    ImdsReader imds,
    LifecycleWatcher lifecycle,
    SpotWatcher spot,
    GatewayClient gateway,
    Retry retry,
    RunnerSupervisor runner,
    RunnerUpdater updater,
    HookServer.Starter hooks,
    EmfWriter emf,
    Warmup warmup) {}
