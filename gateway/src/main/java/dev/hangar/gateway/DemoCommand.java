package dev.hangar.gateway;

/** {@code demo}: the local demo (see {@code demo.DemoCommand}). */
final class DemoCommand {
  private DemoCommand() {}

  static int run(String[] args) {
    return dev.hangar.gateway.demo.DemoCommand.run(args, System.out, System.err);
  }
}
