package dev.hangar.gateway;

/** Command-line entry point of the gateway: serve, demo, simulate, check-config. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("usage: hangar-gateway serve|demo|simulate|check-config --config FILE");
    System.exit(2);
  }
}
