package dev.hangar.agent;

import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.config.AgentConfigLoader;
import dev.hangar.agent.config.ConfigException;
import dev.hangar.agent.log.Log;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point: {@code java -jar hangar-agent.jar [--config FILE] [--check-config] [--cds-training]}.
 * Bad configuration prints one line and exits 2.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // A POST the gateway never answered must not be silently sent twice.
    System.setProperty("sun.net.http.retryPost", "false");
    int code = run(args, System.getenv());
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Runs the agent; returns an exit code, or -1 when the agent ran until it was stopped. */
  static int run(String[] args, Map<String, String> env) {
    Path file = env.containsKey("HANGAR_AGENT_CONFIG") ? Path.of(env.get("HANGAR_AGENT_CONFIG"))
        : AgentConfigLoader.DEFAULT_FILE;
    boolean checkOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            System.err.println("hangar-agent: --config needs a file");
            return 2;
          }
          file = Path.of(args[++i]);
        }
        case "--check-config" -> checkOnly = true;
        case "--cds-training" -> {
          return CdsTraining.run();
        }
        default -> {
          System.err.println("hangar-agent: unknown argument '" + args[i]
              + "' (usage: hangar-agent [--config FILE] [--check-config] [--cds-training])");
          return 2;
        }
      }
    }
    AgentConfig config;
    try {
      config = AgentConfigLoader.load(file, env);
    } catch (ConfigException e) {
      System.err.println("hangar-agent: bad configuration: " + e.getMessage());
      return 2;
    }
    if (checkOnly) {
      System.out.println("hangar-agent: configuration OK");
      return 0;
    }
    Agent agent = AgentFactory.create(config, Log.stderrAnd(config.logFile()));
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-stop"));
    try {
      agent.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }
}
