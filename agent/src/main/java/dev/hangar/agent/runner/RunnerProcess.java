package dev.hangar.agent.runner;

import dev.hangar.agent.log.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running {@code run.sh --jitconfig …}, started as the runner user with the job hooks in its
 * environment. Its console lines go to the agent's log with the JIT config redacted.
 */
public final class RunnerProcess {
  private final Process process;

  private RunnerProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts the runner. The JIT config travels as an argument (the runner's documented CLI); it is
   * one-time (useless once the runner has connected) and /proc of the runner user is hidden
   * from other users (hidepid), see docs/agent.md.
   */
  public static RunnerProcess start(RunnerInstall install, UserSwitch user, String jitConfig, HookServer hooks,
      Log log, Runnable onExit) throws IOException {
    Path home = install.home();
    List<String> command = new ArrayList<>(user.command(List.of(home.resolve("run.sh").toString(),
        "--jitconfig", jitConfig)));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    // The agent's own settings are not the job's business (the unit's malloc tuning included).
    env.keySet().removeIf(k -> k.startsWith("HANGAR_AGENT_"));
    env.remove("MALLOC_ARENA_MAX");
    env.put("ACTIONS_RUNNER_HOOK_JOB_STARTED", hooks.startedScript().toString());
    env.put("ACTIONS_RUNNER_HOOK_JOB_COMPLETED", hooks.completedScript().toString());
    if (user.switching()) {
      env.put("HOME", "/home/" + user.user());
      env.put("USER", user.user());
      env.put("LOGNAME", user.user());
    }
    Process process = pb.start();
    process.getOutputStream().close();
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          log.info("runner: " + line);
        }
      } catch (IOException ignored) {
        // The stream closes when the runner exits.
      }
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      onExit.run();
    }, "runner-output");
    pump.setDaemon(true);
    pump.start();
    return new RunnerProcess(process);
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Sends SIGINT, which makes the runner cancel its job and exit (what Ctrl-C does). */
  public void interrupt() throws IOException, InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    kill.waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits up to {@code timeout} for the runner to exit; true when it has. */
  public boolean awaitExit(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Kills the runner and everything it started. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
