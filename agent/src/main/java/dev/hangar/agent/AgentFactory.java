package dev.hangar.agent;

import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.core.Inbox;
import dev.hangar.agent.gateway.GatewayClient;
import dev.hangar.agent.health.EmfWriter;
import dev.hangar.agent.imds.ImdsClient;
import dev.hangar.agent.log.Log;
import dev.hangar.agent.runner.HookServer;
import dev.hangar.agent.runner.RunnerInstall;
import dev.hangar.agent.runner.RunnerSupervisor;
import dev.hangar.agent.runner.RunnerUpdater;
import dev.hangar.agent.runner.UserSwitch;
import dev.hangar.agent.watch.ImdsReader;
import dev.hangar.agent.watch.LifecycleWatcher;
import dev.hangar.agent.watch.SpotWatcher;
import java.io.IOException;
import java.time.Clock;
import java.util.Random;

/** The one place that builds the agent's collaborators from its configuration. */
public final class AgentFactory {
  static final String IDENTITY_PATH = "/latest/dynamic/instance-identity/rsa2048";

  private AgentFactory() {}

  public static Agent create(AgentConfig config, Log log) {
    return new Agent(config, collaborators(config, log));
  }

  public static Collaborators collaborators(AgentConfig config, Log log) {
    Clock clock = Clock.systemUTC();
    Inbox inbox = new Inbox();
    ImdsClient imds = new ImdsClient(config.imdsUrl(), config.imdsTimeout(), config.imdsTokenTtl(),
        config.imdsTokenRefreshMargin(), System::nanoTime);
    Retry retry = new Retry(config.retryInitialBackoff(), config.retryMaxBackoff(), clock,
        d -> Thread.sleep(d.toMillis()), new Random(), log);
    ImdsReader reader = new ImdsReader(imds, retry, log);
    GatewayClient gateway = new GatewayClient(config.gatewayUrl(), config.gatewayTimeout(),
        () -> imds.get(IDENTITY_PATH).orElseThrow(() -> new IOException("IMDS has no " + IDENTITY_PATH)));
    UserSwitch user = new UserSwitch(config.runnerUser(), config.switchUserCommand());
    RunnerInstall install = new RunnerInstall(config.runnerDir(), user);
    RunnerSupervisor runner = new RunnerSupervisor(install, user, log);
    return new Collaborators(log, clock, inbox, new Timers(), reader,
        new LifecycleWatcher(reader, inbox, config.lifecyclePollInterval(), log),
        new SpotWatcher(reader, inbox, config.spotPollInterval(), runner::jobInDiagnostics),
        gateway, retry, runner,
        new RunnerUpdater(install, user, config.gatewayTimeout(), log),
        listener -> HookServer.start(config.hooksDir(), user, listener),
        EmfWriter.to(config.emfFile()),
        new Warmup(config.warmupScript(), config.warmupTimeout(), config.stateDir(), clock, log));
  }
}
