package dev.hangar.gateway.testing;

import dev.hangar.agent.Agent;
import dev.hangar.agent.AgentState;
import dev.hangar.agent.config.AgentConfigLoader;
import dev.hangar.agent.log.Log;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real agent (agent module) running in-process on a daemon thread, configured through the
 * environment as on an instance but pointed at a test gateway, IMDS double and runner stand-in.
 */
public final class InProcessAgent implements AutoCloseable {
  private final Agent agent;
  private final Thread thread;

  private InProcessAgent(Agent agent) {
    this.agent = agent;
    this.thread = new Thread(() -> {
      try {
        agent.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "agent");
    thread.setDaemon(true);
  }

  /**
   * The settings every test agent needs: where the gateway, IMDS and runner are, state and hooks
   * under {@code tmp}, and a shutdown command that only leaves {@code tmp/shutdown-called}.
   * Callers add their timings.
   */
  public static Map<String, String> settings(String gatewayUrl, URI imdsUrl, Path runnerDir, Path tmp) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("gateway.url", gatewayUrl);
    s.put("imds.url", imdsUrl.toString());
    s.put("runner.dir", runnerDir.toString());
    s.put("runner.user", System.getProperty("user.name"));
    s.put("state.dir", tmp.resolve("state").toString());
    s.put("hooks.dir", tmp.resolve("hooks").toString());
    s.put("shutdown.command", "touch '" + tmp.resolve("shutdown-called") + "'");
    s.put("metrics.emfFile", tmp.resolve("emf.log").toString());
    return s;
  }

  /** Starts an agent with {@code settings} (no config file); its log lines go to {@code log}. */
  public static InProcessAgent start(Map<String, String> settings, Path tmp, Consumer<String> log) {
    Map<String, String> env = new LinkedHashMap<>();
    settings.forEach((k, v) -> env.put(AgentConfigLoader.envName(k), v));
    InProcessAgent running =
        new InProcessAgent(new Agent(AgentConfigLoader.load(tmp.resolve("none.properties"), env), new Log(log)));
    running.thread.start();
    return running;
  }

  public AgentState state() {
    return agent.state();
  }

  /** Stops the agent and waits (up to 10 s) for its thread to end. */
  @Override
  public void close() throws InterruptedException {
    agent.close();
    thread.join(10_000);
  }
}
