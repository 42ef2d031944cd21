package dev.hangar.gateway;

/** {@code simulate}: replays a job trace on the simulator (see {@code sim.SimulateCommand}). */
final class SimulateCommand {
  private SimulateCommand() {}

  static int run(String[] args) {
    return dev.hangar.gateway.sim.SimulateCommand.run(args, System.out, System.err);
  }
}
