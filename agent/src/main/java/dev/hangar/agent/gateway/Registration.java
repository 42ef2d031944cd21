package dev.hangar.agent.gateway;

import java.util.Optional;

/**
 * The gateway's answer to register: a session, the runner's name, its one-time JIT config, the
 * runner version it requires, which job of the launch the runner is for ({@code sequence}) and
 * how many more registrations the launch has ({@code jobsLeft}: 0 = retire after this job, as
 * for an ephemeral pool or a gateway that predates runner reuse). The JIT config never appears in
 * {@link #toString()}.
 */
public record Registration(
    Session session,
    String runnerName,
    String jitConfig,
    String requiredRunnerVersion,
    Optional<RunnerDownload> runnerDownload,
    int sequence,
    int jobsLeft) {

  /** An ephemeral registration: the launch's first and only one. */
  public Registration(Session session, String runnerName, String jitConfig, String requiredRunnerVersion,
      Optional<RunnerDownload> runnerDownload) {
    this(session, runnerName, jitConfig, requiredRunnerVersion, runnerDownload, 1, 0);
  }

  @Override
  public String toString() {
    return "Registration[" + session + ", runnerName=" + runnerName + ", requiredRunnerVersion="
        + requiredRunnerVersion + ", runnerDownload=" + runnerDownload + ", sequence=" + sequence
        + ", jobsLeft=" + jobsLeft + ", jitConfig=***]";
  }
}
