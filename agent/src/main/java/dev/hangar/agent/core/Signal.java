package dev.hangar.agent.core;

import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.runner.DiagReport;
import dev.hangar.agent.runner.HookEvent;
import java.util.Optional;

/** Something that happened, handed to the agent's single decision loop; watchers and actions emit them. */
public sealed interface Signal {
  /** The target lifecycle state, at start and whenever it changes. */
  record Lifecycle(String state) implements Signal {}

  /** IMDS published a spot interruption notice; {@code jobInDiagnostics}: a job the runner's _diag shows running. */
  record SpotNotice(String action, String time, Optional<String> jobInDiagnostics) implements Signal {}

  /** IMDS published a rebalance recommendation. */
  record Rebalance(String noticeTime, Optional<String> jobInDiagnostics) implements Signal {}

  /** A job hook called the loopback endpoint. */
  record Hook(HookEvent event) implements Signal {}

  /** The runner process ended (its exit code is not trusted); what its diagnostics say. */
  record RunnerExited(DiagReport diag) implements Signal {}

  /**
   * The runner of job {@code sequence} did not exit within the grace period after its job (the
   * number keeps a late timer from touching the next job's runner).
   */
  record RunnerExitOverdue(int sequence) implements Signal {
    /** Without a job number (0): a runner the decision core saw no registration for. */
    public RunnerExitOverdue() {
      this(0);
    }
  }

  /** Time to stop the busy runner ahead of the spot deadline. */
  record Drain() implements Signal {}

  /** Still running {@code retire.deadline} after retirement. */
  record RetiredTooLong() implements Signal {}

  /** The warm-up script ran (or had run before); {@code ok} false when it failed or timed out. */
  record WarmUpDone(boolean ok) implements Signal {}

  /** A lifecycle action was completed, or could not be. */
  record LifecycleDone(Action.CompleteLifecycle action, boolean completed) implements Signal {}

  /** The installed runner version, or why it could not be read. */
  record RunnerChecked(Optional<String> version, String error) implements Signal {}

  /** The gateway registered this instance. */
  record Registered(Registration registration) implements Signal {}

  /** A runner update ended; the version now installed, empty when it could not be read. */
  record RunnerUpdated(Optional<String> version) implements Signal {}

  /** The runner's work directory was emptied for the next job ({@code ok}), or could not be ({@code error}). */
  record WorkCleaned(boolean ok, String error) implements Signal {}

  /** The runner process runs. */
  record RunnerStarted(long pid) implements Signal {}

  /** The runner (or its hook endpoint) could not be started. */
  record RunnerStartFailed(String error) implements Signal {}

  /** The gateway retired this instance. */
  record Retired(Action.Retire retire) implements Signal {}

  /** The gateway refused {@code step} with a refusal {@code code} (empty when it gave none). */
  record Refused(Action.GatewayStep step, String code, int status, String reason) implements Signal {}

  /** {@code step} still failed (unreachable, 5xx) at its deadline. */
  record GaveUp(Action.GatewayStep step) implements Signal {}
}
