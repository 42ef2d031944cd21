package dev.hangar.agent;

import dev.hangar.agent.runner.HookEvent;

/** Something that happened, handed to the agent's single decision loop. */
sealed interface Signal {
  /** A job hook called the loopback endpoint. */
  record Hook(HookEvent event) implements Signal {}

  /** The runner process ended (its exit code is not trusted). */
  record RunnerExited() implements Signal {}

  /** The runner did not exit within the grace period after its job. */
  record RunnerExitOverdue() implements Signal {}

  /** IMDS published a spot interruption notice ({@code action} at {@code time}). */
  record SpotNotice(String action, String time) implements Signal {}

  /** IMDS published a rebalance recommendation. */
  record Rebalance(String noticeTime) implements Signal {}

  /** Time to stop the busy runner ahead of the spot deadline. */
  record Drain() implements Signal {}

  /** The target lifecycle state changed. */
  record Lifecycle(String state) implements Signal {}
}
