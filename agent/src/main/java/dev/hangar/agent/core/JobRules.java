package dev.hangar.agent.core;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.Later;
import dev.hangar.agent.core.Action.Note;
import dev.hangar.agent.core.Action.ReportEvent;
import dev.hangar.agent.core.Action.Retire;
import dev.hangar.agent.core.Action.StopRunner;
import dev.hangar.agent.gateway.Refusals;
import dev.hangar.agent.runner.DiagReport;
import dev.hangar.agent.runner.HookEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** While the runner lives: job hooks, its exit, spot notices and rebalance recommendations. */
final class JobRules {
  private final Timings t;
  private final EndRules end;
  private final ReuseRules reuse;

  JobRules(Timings t, EndRules end, ReuseRules reuse) {
    this.t = t;
    this.end = end;
    this.reuse = reuse;
  }

  Decision hook(Situation s, Signal.Hook h) {
    if (!s.supervising()) {
      return Decision.stay(s);
    }
    HookEvent e = h.event();
    if (e.started()) {
      Situation next = s.busy(true).job(Optional.of(e));
      return Decision.of(s.phase() == AgentState.IDLE ? next.phase(AgentState.BUSY) : next,
          Note.info("job started", "repository", e.repository(), "workflow", e.workflow(), "jobName", e.jobName(),
              "runId", e.runId()),
          new ReportEvent(Events.of("job-started", Optional.of(e))));
    }
    return Decision.of(s.jobDone(true),
        Note.info("job completed hook", "repository", e.repository(), "jobName", e.jobName(), "runId", e.runId()),
        new Later(t.runnerExitGrace(), new Signal.RunnerExitOverdue(s.reuse().sequence())));
  }

  /**
   * The runner is gone: judge from hooks and _diag (never its exit code), report, then retire, or
   * take the next job when the gateway allows more and nothing says stop ({@link ReuseRules}).
   */
  Decision runnerExited(Situation s, Signal.RunnerExited x, Instant now) {
    Situation next = s.runnerRunning(false);
    if (!s.supervising()) {
      return Decision.stay(next);
    }
    DiagReport diag = x.diag();
    if (!s.busy() && diag.jobName().isEmpty()) {
      return end.retire(next, "runner-exited", now, Note.warn("runner exited without running a job",
          "diagError", diag.error().orElse("none"), "listening", diag.listening()));
    }
    String conclusion = diag.conclusion().orElse(s.drained() ? "cancelled" : s.jobDone() ? "unknown" : "cancelled");
    var event = s.job().isEmpty() && diag.jobName().isPresent()
        ? Events.of("job-completed", Optional.empty(), "jobName", diag.jobName().get(), "conclusion", conclusion)
        : Events.of("job-completed", s.job(), "conclusion", conclusion);
    Note finished = Note.info("runner finished its job", "conclusion", conclusion, "hookCompleted", s.jobDone());
    if (s.drained()) {
      return end.retire(next, "spot-interruption", now, finished, new ReportEvent(event));
    }
    Optional<String> stop = ReuseRules.stopReason(s, diag);
    if (stop.isEmpty()) {
      return reuse.nextJob(next, conclusion, event);
    }
    List<Action> before = new ArrayList<>();
    before.add(finished);
    if (s.reuse().jobsLeft() > 0) {
      before.add(Note.info("not taking another job", "why", stop.get(), "jobsLeft", s.reuse().jobsLeft()));
    }
    before.add(new ReportEvent(event));
    return end.retire(next, "job-completed", now, before.toArray(Action[]::new));
  }

  Decision exitOverdue(Situation s, Signal.RunnerExitOverdue overdue) {
    if (!s.supervising() || !s.runnerRunning() || overdue.sequence() != s.reuse().sequence()) {
      // Stopped already, or a late timer of an earlier job's runner: the one running now is fine.
      return Decision.stay(s);
    }
    return Decision.of(s.reuse(s.reuse().runnerKilled(true)),
        Note.warn("runner still running after its job; stopping it"), new StopRunner(Duration.ZERO));
  }

  Decision spotNotice(Situation s, Signal.SpotNotice n, Instant now) {
    if (!s.supervising() || s.spot().isPresent()) {
      return Decision.stay(s);
    }
    List<Action> notes = new ArrayList<>();
    Situation next = noticeJobFromDiagnostics(s.spot(Optional.of(n)), n.jobInDiagnostics(), notes);
    notes.add(Note.warn("spot interruption notice", "action", n.action(), "deadline", n.time(), "busy", next.busy()));
    if (!next.busy()) {
      return end.retire(next, "spot-interruption", now, notes.toArray(Action[]::new));
    }
    return drainForSpot(next, n, now, notes);
  }

  /** A busy runner: report the interruption, then stop the runner {@code spot.stopLead} before the deadline. */
  private Decision drainForSpot(Situation s, Signal.SpotNotice n, Instant now, List<Action> before) {
    List<Action> actions = new ArrayList<>(before);
    actions.add(new ReportEvent(Events.of("spot-interruption", s.job(), "deadline", n.time())));
    Duration delay = Duration.ZERO;
    try {
      Instant stopAt = Instant.parse(n.time()).minus(t.spotStopLead());
      delay = Duration.between(now, stopAt);
      delay = delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException e) {
      actions.add(Note.warn("spot notice time unreadable; stopping the runner now", "time", n.time()));
    }
    actions.add(new Later(delay, new Signal.Drain()));
    return new Decision(s.phase(AgentState.DRAINING), actions);
  }

  Decision rebalance(Situation s, Signal.Rebalance r, Instant now) {
    if (!s.supervising() || s.rebalanceSeen()) {
      return Decision.stay(s);
    }
    List<Action> notes = new ArrayList<>();
    Situation next = noticeJobFromDiagnostics(s.rebalanceSeen(true), r.jobInDiagnostics(), notes);
    notes.add(Note.warn("rebalance recommendation", "noticeTime", r.noticeTime(), "busy", next.busy()));
    if (!next.busy()) {
      return end.retire(next, "rebalance", now, notes.toArray(Action[]::new));
    }
    notes.add(new ReportEvent(Events.of("rebalance", next.job())));
    return new Decision(next, notes);
  }

  /**
   * A hook that never arrived (curl missing, agent restarting) must not make a busy runner look
   * idle: the runner's own diagnostics saying a job runs count as much as the hook.
   */
  private static Situation noticeJobFromDiagnostics(Situation s, Optional<String> job, List<Action> notes) {
    if (s.busy() || job.isEmpty()) {
      return s;
    }
    notes.add(Note.warn("runner diagnostics show a running job the hooks did not report", "jobName", job.get()));
    return s.busy(true).phase(AgentState.BUSY);
  }

  Decision drain(Situation s) {
    if (!s.supervising() || !s.runnerRunning()) {
      return Decision.stay(s);
    }
    // Half the lead for SIGINT to cancel the job, the other half to retire before the deadline.
    return Decision.of(s.drained(true),
        Note.warn("stopping the busy runner before the spot deadline so its job ends as cancelled"),
        new StopRunner(t.spotStopLead().dividedBy(2)));
  }

  Decision retireRefused(Situation s, Retire step, Signal.Refused r, Instant now) {
    if (s.phase() != AgentState.RETIRING) {
      return Decision.stay(s);
    }
    if (!Refusals.RUNNER_BUSY.equals(r.code())) {
      return end.shutdown(s, "retirement refused", Note.error("gateway refused retirement",
          "status", r.status(), "code", r.code(), "reason", r.reason()));
    }
    if (!s.runnerRunning()) {
      // GitHub has not yet seen the runner go: ask again within the same deadline.
      return Decision.of(s, Note.warn("gateway says the runner is busy although it exited; retrying",
          "reason", step.reason()),
          new Retire(step.reason(), step.deadline(), step.attempt() + 1, step.from()));
    }
    // A job was just picked up: supervise the runner as busy.
    Note keep = Note.warn("gateway says the runner is busy; keeping it", "reason", step.reason());
    Situation busy = s.busy(true).phase(step.from() == AgentState.DRAINING ? AgentState.DRAINING : AgentState.BUSY);
    if (step.reason().equals("spot-interruption") && s.spot().isPresent() && step.from() != AgentState.DRAINING) {
      return drainForSpot(busy, s.spot().get(), now, List.of(keep));
    }
    return Decision.of(busy, keep);
  }
}
