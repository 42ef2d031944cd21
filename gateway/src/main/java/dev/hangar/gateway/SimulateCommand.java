package dev.hangar.gateway;

/** Placeholder for {@code simulate} until the simulator lands: says so and exits 2. */
final class SimulateCommand {
  private SimulateCommand() {}

  static int run(String[] args) {
    System.err.println("hangar-gateway simulate: not yet available");
    return 2;
  }
}
