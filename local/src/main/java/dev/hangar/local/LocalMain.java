package dev.hangar.local;

import dev.hangar.gateway.Main;
import dev.hangar.local.demo.DemoCommand;
import dev.hangar.local.queue.EmbeddedQueue;
import dev.hangar.local.sim.BenchmarkCommand;
import dev.hangar.local.sim.GenTraceCommand;
import dev.hangar.local.sim.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Command-line entry point of hangar-local: the demo and the simulator; {@code serve} and
 * {@code check-config} are the gateway's, with {@code queue.embedded} supplied here.
 */
public final class LocalMain {
  private static final String USAGE =
      "usage: hangar-local demo [options] | simulate --trace FILE --config FILE --out DIR"
          + " | gen-trace [options] | sim-benchmark [options]"
          + " | serve --config FILE | check-config --config FILE";

  private LocalMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.getenv());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns the exit code (0 for {@code serve} once it is listening). */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "demo" -> DemoCommand.run(rest, out, err);
      case "simulate" -> SimulateCommand.run(rest, out, err);
      case "gen-trace" -> GenTraceCommand.run(rest, out, err);
      case "sim-benchmark" -> BenchmarkCommand.run(rest, out, err);
      case "help", "-h", "--help" -> {
        out.println(USAGE);
        yield 0;
      }
      default -> Main.run(args, out, err, env, EmbeddedQueue::supplyIfConfigured);
    };
  }
}
