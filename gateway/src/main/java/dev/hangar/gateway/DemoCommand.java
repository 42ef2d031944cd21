package dev.hangar.gateway;

/** Placeholder for {@code demo} until the local demo lands: says so and exits 2. */
final class DemoCommand {
  private DemoCommand() {}

  static int run(String[] args) {
    System.err.println("hangar-gateway demo: not yet available");
    return 2;
  }
}
