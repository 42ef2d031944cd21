package dev.hangar.agent;

import dev.hangar.agent.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The warm-up script, run once per instance (a marker in {@code state.dir} remembers it across stops). */
public final class Warmup {
  private final Optional<Path> script;
  private final Duration timeout;
  private final Path stateDir;
  private final Clock clock;
  private final Log log;

  public Warmup(Optional<Path> script, Duration timeout, Path stateDir, Clock clock, Log log) {
    this.script = script;
    this.timeout = timeout;
    this.stateDir = stateDir;
    this.clock = clock;
    this.log = log;
  }

  /** True when the warm-up succeeded now or before; false when the script failed or timed out. */
  public boolean run() throws InterruptedException {
    Path marker = stateDir.resolve("warmup-done");
    if (Files.exists(marker)) {
      log.info("warm-up already done on this instance");
      return true;
    }
    if (script.isEmpty()) {
      log.info("no warm-up script configured");
    } else if (!Commands.runScript(script.get(), timeout, log)) {
      return false;
    }
    try {
      Files.createDirectories(stateDir);
      Files.writeString(marker, clock.instant().toString());
    } catch (IOException e) {
      log.warn("cannot write warm-up marker", "path", marker.toString(), "error", e.getMessage());
    }
    return true;
  }
}
