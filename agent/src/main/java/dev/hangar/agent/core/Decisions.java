package dev.hangar.agent.core;

import java.time.Instant;

/**
 * The agent's decision core: {@code decide(situation, signal, now)} → the next situation and the
 * actions to carry out. Pure: no I/O and no clock ({@code now} is when the loop took the signal),
 * so every path through an instance's life can be tested as a table.
 */
public final class Decisions {
  private final LaunchRules launch;
  private final JobRules job;
  private final EndRules end;
  private final ReuseRules reuse;

  public Decisions(Timings timings) {
    this.end = new EndRules(timings);
    this.reuse = new ReuseRules(timings, end);
    this.job = new JobRules(timings, end, reuse);
    this.launch = new LaunchRules(timings, end);
  }

  public Decision decide(Situation s, Signal signal, Instant now) {
    if (signal instanceof Signal.Lifecycle l) {
      return launch.lifecycle(s, l, now);
    } else if (signal instanceof Signal.WarmUpDone w) {
      return launch.warmUpDone(s, w, now);
    } else if (signal instanceof Signal.LifecycleDone d) {
      return launch.lifecycleDone(s, d);
    } else if (signal instanceof Signal.RunnerChecked c) {
      return launch.runnerChecked(s, c, now);
    } else if (signal instanceof Signal.Registered r) {
      return launch.registered(s, r);
    } else if (signal instanceof Signal.RunnerUpdated u) {
      return launch.runnerUpdated(s, u);
    } else if (signal instanceof Signal.RunnerStarted r) {
      return launch.runnerStarted(s, r);
    } else if (signal instanceof Signal.RunnerStartFailed f) {
      return launch.runnerStartFailed(s, f, now);
    } else if (signal instanceof Signal.Hook h) {
      return job.hook(s, h);
    } else if (signal instanceof Signal.RunnerExited x) {
      return job.runnerExited(s, x, now);
    } else if (signal instanceof Signal.RunnerExitOverdue o) {
      return job.exitOverdue(s, o);
    } else if (signal instanceof Signal.WorkCleaned w) {
      return reuse.workCleaned(s, w, now);
    } else if (signal instanceof Signal.SpotNotice n) {
      return job.spotNotice(s, n, now);
    } else if (signal instanceof Signal.Rebalance r) {
      return job.rebalance(s, r, now);
    } else if (signal instanceof Signal.Drain) {
      return job.drain(s);
    } else if (signal instanceof Signal.Refused r) {
      return r.step() instanceof Action.Register reg ? launch.registerRefused(s, reg, r, now)
          : job.retireRefused(s, (Action.Retire) r.step(), r, now);
    } else if (signal instanceof Signal.GaveUp g) {
      return end.gaveUp(s, g);
    } else if (signal instanceof Signal.Retired r) {
      return end.retired(s, r);
    } else if (signal instanceof Signal.RetiredTooLong) {
      return end.retiredTooLong(s);
    }
    throw new IllegalArgumentException("unknown signal " + signal);
  }
}
