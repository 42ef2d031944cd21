package dev.hangar.gateway;

import dev.hangar.gateway.sim.BenchmarkCommand;
import dev.hangar.gateway.sim.GenTraceCommand;
import dev.hangar.gateway.sim.SimulateCommand;
import java.util.Arrays;

/** Command-line entry point of the gateway: serve, demo, simulate, check-config. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String cmd = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    int code =
        switch (cmd) {
          case "simulate" -> SimulateCommand.run(rest, System.out, System.err);
          case "gen-trace" -> GenTraceCommand.run(rest, System.out, System.err);
          case "sim-benchmark" -> BenchmarkCommand.run(rest, System.out, System.err);
          default -> {
            System.err.println(
                "usage: hangar-gateway serve|demo|simulate|gen-trace|sim-benchmark|check-config ...");
            yield 2;
          }
        };
    System.exit(code);
  }
}
