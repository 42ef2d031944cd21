package dev.hangar.gateway;

import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.HangarConfig;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point of the gateway: serve, check-config. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String USAGE =
      "usage: hangar-gateway serve --config FILE | check-config --config FILE"
          + " (demo, simulate, gen-trace, sim-benchmark: java -jar local/target/hangar-local.jar)";

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns the exit code (0 for {@code serve} once it is listening). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /** As above, with {@code ${NAME}} in the configuration taken from {@code env}. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, env, null);
  }

  /**
   * As above; {@code serve} hands {@code replace} the adapter builder (hangar-local supplies the
   * embedded queue there). Without it, {@code queue.embedded} is refused.
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, Consumer<Adapters.Builder> replace) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "serve" -> serve(rest, err, env, replace);
      case "check-config" -> checkConfig(rest, out, err, env);
      case "help", "-h", "--help" -> {
        out.println(USAGE);
        yield 0;
      }
      default -> {
        err.println("hangar-gateway: unknown command '" + args[0] + "'; " + USAGE);
        yield 2;
      }
    };
  }

  private static int checkConfig(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Path file = configOption("check-config", args, err);
    if (file == null) {
      return 2;
    }
    try {
      StartupChecks.Checked checked = StartupChecks.load(file, env);
      HangarConfig c = checked.config();
      List<String> notChecked = checked.notChecked();
      out.println("config OK: " + c.pools().size() + " pool(s) ("
          + c.pools().stream().map(p -> p.name()).collect(Collectors.joining(", ")) + "), queue "
          + (c.queue().embedded() ? "embedded" : c.queue().url()) + ", ledger "
          + c.ledger().type().name().toLowerCase(java.util.Locale.ROOT));
      if (!notChecked.isEmpty()) {
        out.println("not checked, needs the network (serve checks them by starting): "
            + String.join(", ", notChecked));
      }
      return 0;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static int serve(
      String[] args, PrintStream err, Map<String, String> env, Consumer<Adapters.Builder> replace) {
    Path file = configOption("serve", args, err);
    if (file == null) {
      return 2;
    }
    HangarConfig config;
    try {
      config = StartupChecks.load(file, env).config();
      if (config.queue().embedded() && replace == null) {
        throw new ConfigException("queue.embedded", Adapters.EMBEDDED_QUEUE_REFUSAL);
      }
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    }
    // The AWS CRT HTTP client cleans itself up in a JVM shutdown hook of its own; hold it open
    // until our hook has drained the requests that still need SQS.
    software.amazon.awssdk.crt.CRT.acquireShutdownRef();
    Vertx vertx = Vertx.vertx();
    GatewayApp app;
    try {
      app = GatewayApp.start(vertx, config, replace == null ? b -> {} : replace).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("hangar-gateway: start-up failed: " + oneLine(e));
      vertx.close();
      return 1;
    }
    // SIGTERM (systemd stop) runs shutdown hooks: stop accepting, drain, close.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        LOG.info("stopping: no new connections, in-flight requests get {} s", config.server().shutdownGraceSeconds());
        app.stop().await(config.server().shutdownGraceSeconds() + 10L, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        LOG.info("stopped");
      } catch (Exception e) {
        err.println("hangar-gateway: shutdown incomplete: " + oneLine(e));
      } finally {
        software.amazon.awssdk.crt.CRT.releaseShutdownRef();
        // Flush the asynchronous log appender: the JVM exits right after this hook.
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
          logback.stop();
        }
      }
    }, "hangar-shutdown"));
    return 0;
  }

  private static Path configOption(String command, String[] args, PrintStream err) {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        file = Path.of(args[i].substring("--config=".length()));
      } else {
        err.println("hangar-gateway " + command + ": unexpected argument '" + args[i] + "'; " + USAGE);
        return null;
      }
    }
    if (file == null) {
      err.println("hangar-gateway " + command + ": --config FILE is required");
    }
    return file;
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg.replace('\n', ' ');
  }
}
