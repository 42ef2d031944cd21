package dev.hangar.agent.gateway;

import java.util.Optional;

/**
 * The gateway's answer to register: a session, the runner's name, its one-time JIT config and
 * the runner version it requires. The JIT config never appears in {@link #toString()}.
 */
public record Registration(
    Session session,
    String runnerName,
    String jitConfig,
    String requiredRunnerVersion,
    Optional<RunnerDownload> runnerDownload) {
  @Override
  public String toString() {
    return "Registration[" + session + ", runnerName=" + runnerName + ", requiredRunnerVersion="
        + requiredRunnerVersion + ", runnerDownload=" + runnerDownload + ", jitConfig=***]";
  }
}
