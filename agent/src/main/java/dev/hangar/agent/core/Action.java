package dev.hangar.agent.core;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.gateway.RunnerDownload;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Something the decision core asks the executor to do; records, so decisions compare by value. */
public sealed interface Action {
  /** A gateway call that may be refused or given up on (answered by {@link Signal.Refused} / {@link Signal.GaveUp}). */
  sealed interface GatewayStep extends Action {}

  /** A log line about a decision (never carries secrets). */
  record Note(String level, String message, List<Object> fields) implements Action {
    public static Note info(String message, Object... kv) {
      return new Note("INFO", message, Collections.unmodifiableList(Arrays.asList(kv)));
    }

    public static Note warn(String message, Object... kv) {
      return new Note("WARN", message, Collections.unmodifiableList(Arrays.asList(kv)));
    }

    public static Note error(String message, Object... kv) {
      return new Note("ERROR", message, Collections.unmodifiableList(Arrays.asList(kv)));
    }
  }

  /** Run the warm-up script unless it ran on this instance before; answered by {@link Signal.WarmUpDone}. */
  record WarmUp() implements Action {}

  /** Complete an ASG lifecycle action ({@code launch} / {@code termination}) by {@code deadline}. */
  record CompleteLifecycle(String hook, String result, Instant deadline) implements Action {}

  /** Report an event to the gateway; best effort. */
  record ReportEvent(Map<String, Object> event) implements Action {}

  /** Start polling spot notices and rebalance recommendations. */
  record WatchSpot() implements Action {}

  /** Read the installed runner version; answered by {@link Signal.RunnerChecked}. */
  record CheckRunner() implements Action {}

  /**
   * Register with the gateway for job number {@code sequence} of this launch (1 first, then one
   * more per reused runner); {@code attempt} above 0 continues a series (backoff first).
   */
  record Register(String runnerVersion, Instant deadline, int attempt, int sequence) implements GatewayStep {
    /** The launch's first registration. */
    public Register(String runnerVersion, Instant deadline, int attempt) {
      this(runnerVersion, deadline, attempt, 1);
    }
  }

  /**
   * Empty the runner's work directory (never the runner install) before the instance takes its
   * next job; answered by {@link Signal.WorkCleaned}.
   */
  record CleanWork() implements Action {}

  /** Install runner {@code version}; answered by {@link Signal.RunnerUpdated}. */
  record UpdateRunner(String from, String version, RunnerDownload download) implements Action {}

  /** Start the hook endpoint and the runner with the registration's JIT config. */
  record StartRunner(Registration registration) implements Action {}

  /** Stop the runner: SIGINT, up to {@code grace} for it to exit, then kill it (zero: kill at once). */
  record StopRunner(Duration grace) implements Action {}

  /** Ask the gateway to retire this instance; {@code from}: the phase to return to when the runner is busy. */
  record Retire(String reason, Instant deadline, int attempt, AgentState from) implements GatewayStep {}

  /** Deregister on termination (the gateway deletes the GitHub runner); best effort. */
  record Deregister(String reason) implements Action {}

  /** Post {@code signal} after {@code delay}. */
  record Later(Duration delay, Signal signal) implements Action {}

  /** Run the shutdown command (launch templates make that a termination). */
  record Shutdown(String why) implements Action {}
}
