package dev.hangar.agent.runner;

import dev.hangar.agent.log.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The single runner of this instance: starts {@code run.sh --jitconfig …}, reads its diagnostics,
 * and stops it the one way the agent stops a runner (SIGINT so its job ends as cancelled, a grace
 * period, then kill).
 */
public final class RunnerSupervisor {
  private final RunnerInstall install;
  private final UserSwitch user;
  private final Log log;
  private volatile RunnerProcess process;
  /** Diagnostics logs of the instance's earlier runners (runner reuse), left out when judging this one. */
  private volatile Set<String> earlierLogs = Set.of();

  public RunnerSupervisor(RunnerInstall install, UserSwitch user, Log log) {
    this.install = install;
    this.user = user;
    this.log = log;
  }

  /** The version {@code run.sh --version} prints. */
  public String installedVersion() throws IOException, InterruptedException {
    return install.installedVersion();
  }

  /**
   * Starts the runner with the job hooks of {@code hooks}; {@code onExit} gets its diagnostics as
   * they stand when it has exited. Returns its pid.
   */
  public long start(String jitConfig, HookServer hooks, Consumer<DiagReport> onExit) throws IOException {
    earlierLogs = DiagScanner.logNames(install.home());
    RunnerProcess started = RunnerProcess.start(install, user, jitConfig, hooks, log,
        () -> onExit.accept(diagnostics()));
    process = started;
    return started.pid();
  }

  public boolean running() {
    RunnerProcess p = process;
    return p != null && p.alive();
  }

  public DiagReport diagnostics() {
    return DiagScanner.scan(install.home(), earlierLogs);
  }

  /**
   * Empties the runner's work folder for the next job of a reused instance (never the install);
   * only while no runner runs.
   */
  public void cleanWork() throws IOException {
    if (running()) {
      throw new IOException("the runner still runs");
    }
    WorkDirCleaner.empty(install.workDir());
  }

  /** The job the running runner's diagnostics show unfinished, if any. */
  public Optional<String> jobInDiagnostics() {
    if (!running()) {
      return Optional.empty();
    }
    DiagReport diag = diagnostics();
    return diag.result().isEmpty() ? diag.jobName() : Optional.empty();
  }

  /**
   * Stops the runner: SIGINT (its job ends as cancelled), up to {@code grace} for it to exit, then
   * kill it and everything it started. Zero grace kills at once. Returns when it is gone.
   */
  public void stop(Duration grace) throws InterruptedException {
    RunnerProcess p = process;
    if (p == null || !p.alive()) {
      return;
    }
    if (!grace.isZero() && !grace.isNegative()) {
      try {
        p.interrupt();
        p.awaitExit(grace);
      } catch (IOException e) {
        log.warn("cannot interrupt the runner; killing it", "error", e.getMessage());
      }
    }
    p.kill();
  }
}
