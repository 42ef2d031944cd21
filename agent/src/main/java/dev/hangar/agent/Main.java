package dev.hangar.agent;

/** Entry point of the on-instance agent. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("hangar-agent: not configured");
    System.exit(2);
  }
}
