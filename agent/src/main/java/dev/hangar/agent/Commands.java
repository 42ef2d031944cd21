package dev.hangar.agent;

import dev.hangar.agent.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The two outside commands the agent runs itself: the warm-up script and the shutdown command. */
final class Commands {
  private Commands() {}

  /** Runs {@code script} (output discarded); true when it exits 0 within {@code timeout}. */
  static boolean runScript(Path script, Duration timeout, Log log) throws InterruptedException {
    log.info("running warm-up script", "script", script.toString());
    try {
      Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        log.error("warm-up script timed out", "script", script.toString(), "timeoutMs", timeout.toMillis());
        return false;
      }
      if (p.exitValue() != 0) {
        log.error("warm-up script failed", "script", script.toString(), "exitCode", p.exitValue());
        return false;
      }
      log.info("warm-up script finished", "script", script.toString());
      return true;
    } catch (IOException e) {
      log.error("cannot run warm-up script", "script", script.toString(), "error", e.getMessage());
      return false;
    }
  }

  /** Runs the shutdown command through {@code /bin/sh -c}; failures are logged. */
  static void shutdown(String command, Log log) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", command).inheritIO().start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        log.error("shutdown command did not finish within 60 s");
      } else if (p.exitValue() != 0) {
        log.error("shutdown command failed", "exitCode", p.exitValue());
      }
    } catch (IOException e) {
      log.error("cannot run the shutdown command", "error", e.getMessage());
    }
  }
}
