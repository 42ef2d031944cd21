package dev.hangar.agent.core;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.CompleteLifecycle;
import dev.hangar.agent.core.Action.Deregister;
import dev.hangar.agent.core.Action.Later;
import dev.hangar.agent.core.Action.Note;
import dev.hangar.agent.core.Action.Retire;
import dev.hangar.agent.core.Action.Shutdown;
import dev.hangar.agent.core.Action.StopRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How an instance's purpose ends: retirement, shutdown, termination. */
final class EndRules {
  private final Timings t;

  EndRules(Timings t) {
    this.t = t;
  }

  /** Asks the gateway to retire the instance, retrying until {@code retire.deadline}. */
  Decision retire(Situation s, String reason, Instant now, Action... before) {
    List<Action> actions = new ArrayList<>(List.of(before));
    actions.add(new Retire(reason, now.plus(t.retireDeadline()), 0, s.phase()));
    return new Decision(s.phase(AgentState.RETIRING), actions);
  }

  /** Ends the instance by its shutdown command (once). */
  Decision shutdown(Situation s, String why, Action... before) {
    if (s.phase() == AgentState.SHUTTING_DOWN) {
      return new Decision(s, List.of(before));
    }
    List<Action> actions = new ArrayList<>(List.of(before));
    actions.add(new Shutdown(why));
    return new Decision(s.phase(AgentState.SHUTTING_DOWN), actions);
  }

  /** Stops the runner, deregisters unless retired already, completes the termination lifecycle action. */
  Decision terminate(Situation s, Instant now) {
    if (s.phase() == AgentState.TERMINATING) {
      return Decision.stay(s);
    }
    List<Action> actions = new ArrayList<>();
    actions.add(Note.warn("instance is terminating", "lifecycleState", s.lifecycle()));
    if (s.runnerRunning()) {
      actions.add(new StopRunner(t.runnerExitGrace()));
    }
    if (s.phase() != AgentState.RETIRED && s.phase() != AgentState.SHUTTING_DOWN) {
      // Deregistering makes the gateway delete the GitHub runner: nothing is left registered.
      actions.add(new Deregister("instance-terminating"));
    }
    actions.add(new CompleteLifecycle("termination", "CONTINUE", now.plus(t.retireDeadline())));
    return new Decision(s.phase(AgentState.TERMINATING), actions);
  }

  Decision retired(Situation s, Signal.Retired r) {
    if (s.phase() != AgentState.RETIRING) {
      return Decision.stay(s);
    }
    List<Action> actions = new ArrayList<>();
    actions.add(Note.info("retired", "reason", r.retire().reason()));
    if (s.runnerRunning()) {
      actions.add(new StopRunner(t.runnerExitGrace()));
    }
    // The gateway terminates a retired instance; one that outlives the deadline ends itself.
    actions.add(new Later(t.retireDeadline(), new Signal.RetiredTooLong()));
    return new Decision(s.phase(AgentState.RETIRED), actions);
  }

  Decision retiredTooLong(Situation s) {
    if (s.phase() != AgentState.RETIRED) {
      return Decision.stay(s);
    }
    return shutdown(s, "still running " + t.retireDeadline() + " after retirement");
  }

  Decision gaveUp(Situation s, Signal.GaveUp g) {
    if (g.step() instanceof Retire) {
      return shutdown(s, "gateway unreachable for retirement", Note.error(
          "gateway unreachable for retirement within the deadline", "deadlineMs", t.retireDeadline().toMillis()));
    }
    return shutdown(s, "gateway unreachable for registration");
  }

  static boolean isTermination(String lifecycle) {
    return lifecycle.equals("Terminated") || lifecycle.equals("Warmed:Terminated");
  }
}
