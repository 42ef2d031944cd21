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
    boolean warmedUp) {

  /** How an agent starts: nothing known yet. */
  public static Situation initial() {
    return new Situation(AgentState.STARTING, "", "unknown", Optional.empty(), false, Optional.empty(), false,
        false, false, Optional.empty(), false, false);
  }

  /** True while the runner's job decides what happens next (idle, busy or draining). */
  public boolean supervising() {
    return phase == AgentState.IDLE || phase == AgentState.BUSY || phase == AgentState.DRAINING;
  }

  public Situation phase(AgentState p) {
    return new Situation(p, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation lifecycle(String l) {
    return new Situation(phase, l, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation runnerVersion(String v) {
    return new Situation(phase, lifecycle, v, registration, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation registration(Optional<Registration> r) {
    return new Situation(phase, lifecycle, runnerVersion, r, runnerRunning, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation runnerRunning(boolean r) {
    return new Situation(phase, lifecycle, runnerVersion, registration, r, job, busy, jobDone, drained, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation job(Optional<HookEvent> j) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, j, busy, jobDone, drained,
        spot, rebalanceSeen, warmedUp);
  }

  public Situation busy(boolean b) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, b, jobDone, drained,
        spot, rebalanceSeen, warmedUp);
  }

  public Situation jobDone(boolean d) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, d, drained, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation drained(boolean d) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, d, spot,
        rebalanceSeen, warmedUp);
  }

  public Situation spot(Optional<Signal.SpotNotice> s) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        s, rebalanceSeen, warmedUp);
  }

  public Situation rebalanceSeen(boolean r) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        spot, r, warmedUp);
  }

  public Situation warmedUp(boolean w) {
    return new Situation(phase, lifecycle, runnerVersion, registration, runnerRunning, job, busy, jobDone, drained,
        spot, rebalanceSeen, w);
  }
}
