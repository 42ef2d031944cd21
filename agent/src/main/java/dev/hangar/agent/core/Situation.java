package dev.hangar.agent.core;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.runner.HookEvent;
import java.util.Optional;

/**
 * Everything the agent knows about its instance, runner and job, as one immutable value the
 * decision core reads and replaces.
 *
 * @param phase where the agent is (reported in heartbeats and EMF lines)
 * @param lifecycle the last target lifecycle state seen
 * @param runnerVersion the installed runner version ({@code unknown} until read)
 * @param registration the registration whose runner is not started yet (holds the JIT config)
 * @param runnerRunning the runner process was started and has not been seen to exit
 * @param job the job the job-started hook reported
 * @param busy a job runs (hook or the runner's diagnostics said so, or the gateway called the runner busy)
 * @param jobDone the job-completed hook arrived
 * @param drained the runner was stopped ahead of a spot deadline
 * @param spot the spot interruption notice acted on
 * @param rebalanceSeen a rebalance recommendation was acted on
 * @param warmedUp the warm-up ran in this agent's life
 * @param reuse which job of the launch the runner is for, and what rules out another one
 */
public record Situation(
    AgentState phase,
    String lifecycle,
    String runnerVersion,
    Optional<Registration> registration,
    boolean runnerRunning,
    Optional<HookEvent> job,
    boolean busy,
    boolean jobDone,
    boolean drained,
    Optional<Signal.SpotNotice> spot,
    boolean rebalanceSeen,
    boolean warmedUp,
    Reuse reuse) {

  /**
   * Runner reuse ({@code maxJobsPerRunner} above 1): the job number of the launch the current
   * runner is for ({@code sequence}, 0 before the first registration), how many more
   * registrations the gateway allows after it ({@code jobsLeft}), a runner update the gateway
   * asked for that did not happen ({@code updatePending}: the runner would fall behind), and a
   * runner that had to be killed after its job ({@code runnerKilled}: something is wrong with it).
   */
  public record Reuse(int sequence, int jobsLeft, boolean updatePending, boolean runnerKilled) {
    /** Before the first registration. */
    public static final Reuse NONE = new Reuse(0, 0, false, false);

    /** A registration for job {@code sequence} with {@code jobsLeft} more to come. */
    public Reuse registered(int sequence, int jobsLeft) {
      return new Reuse(sequence, jobsLeft, updatePending, false);
    }

    public Reuse updatePending(boolean pending) {
      return new Reuse(sequence, jobsLeft, pending, runnerKilled);
    }

    public Reuse runnerKilled(boolean killed) {
      return new Reuse(sequence, jobsLeft, updatePending, killed);
    }
  }

  /** How an agent starts: nothing known yet. */
  public static Situation initial() {
    return new Situation(AgentState.STARTING, "", "unknown", Optional.empty(), false, Optional.empty(), false,
        false, false, Optional.empty(), false, false, Reuse.NONE);
  }

  /** True while the runner's job decides what happens next (idle, busy or draining). */
  public boolean supervising() {
    return phase == AgentState.IDLE || phase == AgentState.BUSY || phase == AgentState.DRAINING;
  }

  public Situation phase(AgentState p) {
    return new Situation(p, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation lifecycle(String l) {
    return new Situation(phase, l, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation runnerVersion(String v) {
    return new Situation(phase, lifecycle, v, registration, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation registration(Optional<Registration> r) {
    return new Situation(phase, lifecycle, runnerVersion, r, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation runnerRunning(boolean r) {
    return new Situation(phase, lifecycle, runnerVersion, registration, r, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation job(Optional<HookEvent> j) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, j, busy, jobDone, drained,
        spot, rebalanceSeen, warmedUp, reuse);
  }

  public Situation busy(boolean b) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, b, jobDone, drained,
        spot, rebalanceSeen, warmedUp, reuse);
  }

  public Situation jobDone(boolean d) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, d, drained, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation drained(boolean d) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, d, spot,
        rebalanceSeen, warmedUp, reuse);
  }

  public Situation spot(Optional<Signal.SpotNotice> s) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        s, rebalanceSeen, warmedUp, reuse);
  }

  public Situation rebalanceSeen(boolean r) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        spot, r, warmedUp, reuse);
  }

  public Situation reuse(Reuse r) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        spot, rebalanceSeen, warmedUp, r);
  }

  public Situation warmedUp(boolean w) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        spot, rebalanceSeen, w, reuse);
  }
}
