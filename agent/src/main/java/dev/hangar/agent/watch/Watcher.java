package dev.hangar.agent.watch;

import java.time.Duration;

/** One source of notices, polled every {@link #interval()}; each poll may post signals to the agent's inbox. */
public interface Watcher {
  Duration interval();

  /** Looks once; failures are the watcher's to log, never thrown. */
  void poll();
}
