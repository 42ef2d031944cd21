package dev.hangar.agent.core;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.CleanWork;
import dev.hangar.agent.core.Action.Note;
import dev.hangar.agent.core.Action.Register;
import dev.hangar.agent.core.Action.ReportEvent;
import dev.hangar.agent.runner.DiagReport;
import dev.hangar.agent.runner.RunnerInstall;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Runner reuse ({@code maxJobsPerRunner} above 1): after a job that ended normally, an instance
 * the gateway allows more jobs cleans the runner's work directory and registers a fresh JIT
 * runner for its next job (a JIT runner takes exactly one job); anything that says stop makes it
 * retire as an ephemeral instance does.
 */
final class ReuseRules {
  private final Timings t;
  private final EndRules end;

  ReuseRules(Timings t, EndRules end) {
    this.t = t;
    this.end = end;
  }

  /**
   * Why the instance must not take another job after this runner's exit, or empty when it may.
   * Checked in this order: the gateway's allowance, then every reason the instance or its runner
   * should not go on. Only a job that ended normally counts; a drained runner was stopped for a
   * spot interruption (checked by the caller).
   */
  static Optional<String> stopReason(Situation s, DiagReport diag) {
    Situation.Reuse r = s.reuse();
    if (r.jobsLeft() <= 0) {
      return Optional.of("no jobs left");
    }
    if (s.spot().isPresent()) {
      return Optional.of("spot interruption notice");
    }
    if (s.rebalanceSeen()) {
      // AWS asks for the capacity back: a retirement request in all but name.
      return Optional.of("rebalance recommendation");
    }
    if (!"InService".equals(s.lifecycle())) {
      return Optional.of("lifecycle state " + s.lifecycle());
    }
    if (r.updatePending()) {
      return Optional.of("runner update pending");
    }
    if (r.runnerKilled()) {
      return Optional.of("runner had to be killed after its job");
    }
    if (diag.error().isPresent()) {
      return Optional.of("runner reported an error");
    }
    if (diag.result().isEmpty() && !s.jobDone()) {
      // Neither the runner's diagnostics nor the job-completed hook saw the job end.
      return Optional.of("job end not seen");
    }
    return Optional.empty();
  }

  /**
   * The runner finished its job and the instance takes another: report the job, forget it, and
   * clean the work directory before registering (answered by {@link Signal.WorkCleaned}).
   */
  Decision nextJob(Situation afterExit, String conclusion, Map<String, Object> completed) {
    Situation.Reuse r = afterExit.reuse();
    Situation between = afterExit.phase(AgentState.REGISTERING).busy(false).job(Optional.empty()).jobDone(false);
    return Decision.of(between,
        Note.info("runner finished its job; cleaning the work directory for the next one", "conclusion", conclusion,
            "sequence", r.sequence(), "jobsLeft", r.jobsLeft()),
        new ReportEvent(completed),
        new CleanWork());
  }

  /** The work directory is clean: register the next job's runner; not clean: retire (never run on leftovers). */
  Decision workCleaned(Situation s, Signal.WorkCleaned w, Instant now) {
    if (s.phase() != AgentState.REGISTERING) {
      return Decision.stay(s);
    }
    if (!w.ok()) {
      return end.retire(s, "work-dir-not-clean", now,
          Note.error("cannot clean the runner's work directory; retiring instead of taking another job",
              "error", w.error(), "workFolder", RunnerInstall.WORK_FOLDER));
    }
    int next = s.reuse().sequence() + 1;
    return Decision.of(s, Note.info("work directory cleaned; registering the next runner", "sequence", next),
        new Register(s.runnerVersion(), now.plus(t.registerDeadline()), 0, next));
  }
}
