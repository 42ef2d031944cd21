package dev.hangar.agent.core;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.CheckRunner;
import dev.hangar.agent.core.Action.CompleteLifecycle;
import dev.hangar.agent.core.Action.Note;
import dev.hangar.agent.core.Action.Register;
import dev.hangar.agent.core.Action.ReportEvent;
import dev.hangar.agent.core.Action.StartRunner;
import dev.hangar.agent.core.Action.UpdateRunner;
import dev.hangar.agent.core.Action.WarmUp;
import dev.hangar.agent.core.Action.WatchSpot;
import dev.hangar.agent.gateway.Refusals;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.runner.RunnerInstall;
import java.time.Instant;
import java.util.Optional;

/** From start to a running runner: lifecycle states, warm-up, registration, runner update and start. */
final class LaunchRules {
  private final Timings t;
  private final EndRules end;

  LaunchRules(Timings t, EndRules end) {
    this.t = t;
    this.end = end;
  }

  Decision lifecycle(Situation s, Signal.Lifecycle l, Instant now) {
    String state = l.state();
    Situation next = s.lifecycle(state);
    if (EndRules.isTermination(state)) {
      return end.terminate(next, now);
    }
    // Once in service only termination matters; before, the state says what to do.
    if (s.phase() != AgentState.STARTING && s.phase() != AgentState.WARMED) {
      return Decision.stay(next);
    }
    if (state.startsWith("Warmed:")) {
      // Warmed:Pending:Wait → Warmed:Stopped/Running are one stay in the warm pool: warm up once.
      return s.warmedUp() ? Decision.stay(next) : Decision.of(next.phase(AgentState.WARMING_UP), new WarmUp());
    }
    if (state.equals("InService")) {
      return Decision.of(next.phase(AgentState.REGISTERING), new WatchSpot(), new CheckRunner());
    }
    return Decision.of(next, Note.info("waiting for a lifecycle state to act on", "lifecycleState", state));
  }

  Decision warmUpDone(Situation s, Signal.WarmUpDone w, Instant now) {
    if (s.phase() != AgentState.WARMING_UP) {
      return Decision.stay(s);
    }
    CompleteLifecycle complete = new CompleteLifecycle("launch", w.ok() ? "CONTINUE" : "ABANDON",
        now.plus(t.registerDeadline()));
    Situation next = s.warmedUp(true);
    return w.ok() ? Decision.of(next, new ReportEvent(Events.of("warm-up-done", Optional.empty())), complete)
        : Decision.of(next, complete);
  }

  Decision lifecycleDone(Situation s, Signal.LifecycleDone d) {
    boolean ok = d.completed();
    if (d.action().hook().equals("termination")) {
      return Decision.of(s, Note.info(ok ? "termination lifecycle action completed"
          : "could not complete the termination lifecycle action; the hook timeout decides"));
    }
    if (s.phase() == AgentState.WARMING_UP) {
      return Decision.of(s.phase(AgentState.WARMED), Note.info(
          ok ? "launch lifecycle action completed; waiting for the ASG to stop or start us"
              : "could not complete the launch lifecycle action; the hook timeout decides",
          "result", d.action().result()));
    }
    return Decision.of(s, ok ? Note.info("completed the pending launch lifecycle action before registering")
        : Note.warn("launch lifecycle action not completed"));
  }

  Decision runnerChecked(Situation s, Signal.RunnerChecked c, Instant now) {
    if (s.phase() != AgentState.REGISTERING) {
      return Decision.stay(s);
    }
    if (c.version().isEmpty()) {
      return end.retire(s, "runner-missing", now,
          Note.error("cannot read the installed runner version", "error", c.error()));
    }
    String version = c.version().get();
    return Decision.of(s.runnerVersion(version), new Register(version, now.plus(t.registerDeadline()), 0));
  }

  Decision registerRefused(Situation s, Register step, Signal.Refused r, Instant now) {
    if (s.phase() != AgentState.REGISTERING) {
      return Decision.stay(s);
    }
    boolean nextJob = step.sequence() > 1;
    if (Refusals.RUNNER_BUSY.equals(r.code())) {
      // GitHub still shows the previous job's runner busy: the registration was not used; ask
      // again (with backoff) within the same deadline.
      return Decision.of(s, Note.info("gateway says the previous runner is still busy on GitHub; registering again",
          "sequence", step.sequence()),
          new Register(step.runnerVersion(), step.deadline(), step.attempt() + 1, step.sequence()));
    }
    if (nextJob && (Refusals.ALREADY_REGISTERED.equals(r.code()) || Refusals.SEQUENCE_REFUSED.equals(r.code())
        || Refusals.NOT_IN_SERVICE.equals(r.code()))) {
      // Between two jobs of a reused instance: no further job for it (the pool's limit was
      // lowered, the registration was used up, or the instance left service). No runner runs.
      return end.retire(s, "no-further-job", now, Note.warn("gateway refused the next job's registration; retiring",
          "sequence", step.sequence(), "code", r.code(), "reason", r.reason()));
    }
    if (Refusals.NOT_IN_SERVICE.equals(r.code())) {
      // A launch lifecycle hook holds the instance in Pending:Wait: complete it (one try), then
      // register again within the same deadline.
      return Decision.of(s, Note.info("instance not in service yet; completing the launch lifecycle action"),
          new CompleteLifecycle("launch", "CONTINUE", now),
          new Register(step.runnerVersion(), step.deadline(), step.attempt() + 1, step.sequence()));
    }
    if (Refusals.ALREADY_REGISTERED.equals(r.code()) || Refusals.SEQUENCE_REFUSED.equals(r.code())) {
      // A registration exists for this launch (the agent restarted): its JIT config is gone.
      return end.retire(s, "registered-before-restart", now,
          Note.warn("gateway says this instance registered before; retiring it", "reason", r.reason()));
    }
    return end.shutdown(s, "registration refused", Note.error("gateway refused registration",
        "status", r.status(), "code", r.code(), "reason", r.reason()));
  }

  Decision registered(Situation s, Signal.Registered r) {
    if (s.phase() != AgentState.REGISTERING) {
      return Decision.stay(s);
    }
    Registration reg = r.registration();
    String required = reg.requiredRunnerVersion();
    Note registered = Note.info("registered", "runnerName", reg.runnerName(), "runnerVersion", s.runnerVersion(),
        "requiredRunnerVersion", required, "sequence", reg.sequence(), "jobsLeft", reg.jobsLeft());
    Situation next = s.reuse(s.reuse().registered(reg.sequence(), reg.jobsLeft()));
    if (required.isEmpty() || RunnerInstall.compare(s.runnerVersion(), required) >= 0) {
      return Decision.of(next.reuse(next.reuse().updatePending(false)), registered, new StartRunner(reg));
    }
    if (reg.runnerDownload().isEmpty()) {
      // Runs the installed runner for this job; a reused instance then retires so that a fresh
      // one (a newer image) takes the next job instead of falling further behind.
      return Decision.of(next.reuse(next.reuse().updatePending(true)), registered,
          Note.warn("gateway requires a newer runner but gave no download",
          "runnerVersion", s.runnerVersion(), "requiredRunnerVersion", required), new StartRunner(reg));
    }
    return Decision.of(next.phase(AgentState.UPDATING).registration(Optional.of(reg)), registered,
        Note.info("updating runner", "from", s.runnerVersion(), "to", required,
            "url", reg.runnerDownload().get().url().toString()),
        new UpdateRunner(s.runnerVersion(), required, reg.runnerDownload().get()));
  }

  Decision runnerUpdated(Situation s, Signal.RunnerUpdated u) {
    if (s.phase() != AgentState.UPDATING || s.registration().isEmpty()) {
      return Decision.stay(s);
    }
    // Failed updates keep the installed runner; GitHub still serves runners up to 30 days behind,
    // but a reused instance retires after this job rather than fall further behind.
    Registration reg = s.registration().get();
    Situation next = u.version().map(s::runnerVersion).orElse(s).registration(Optional.empty());
    boolean behind = RunnerInstall.compare(next.runnerVersion(), reg.requiredRunnerVersion()) < 0;
    return Decision.of(next.reuse(next.reuse().updatePending(behind)), new StartRunner(reg));
  }

  Decision runnerStarted(Situation s, Signal.RunnerStarted r) {
    if (s.phase() != AgentState.REGISTERING && s.phase() != AgentState.UPDATING) {
      return Decision.stay(s);
    }
    return Decision.of(s.phase(AgentState.IDLE).runnerRunning(true),
        Note.info("runner started", "runnerVersion", s.runnerVersion(), "pid", r.pid()));
  }

  Decision runnerStartFailed(Situation s, Signal.RunnerStartFailed f, Instant now) {
    return end.retire(s, "runner-start-failed", now, Note.error("cannot start the runner", "error", f.error()));
  }
}
