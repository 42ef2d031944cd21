package dev.hangar.agent.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds command lines that run as the unprivileged runner user. When the agent already runs as
 * that user (tests, or a deployment without root) the command runs unchanged.
 */
public final class UserSwitch {
  private final String user;
  private final String template;

  public UserSwitch(String user, String template) {
    this.user = user;
    this.template = template;
  }

  public String user() {
    return user;
  }

  /** True when commands must switch user (the agent is not the runner user). */
  public boolean switching() {
    return !user.equals(System.getProperty("user.name"));
  }

  public List<String> command(List<String> command) {
    List<String> out = new ArrayList<>();
    if (switching()) {
      Arrays.stream(template.replace("{user}", user).trim().split("\\s+")).forEach(out::add);
    }
    out.addAll(command);
    return out;
  }
}
