package dev.hangar.local.sim;

import dev.hangar.gateway.scaling.PassResult;
import dev.hangar.gateway.scaling.ScalingPass;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Samples capacity by state, queue length and cost of a run over virtual time. */
final class Sampler {
  private final VirtualClock clock;
  private final SimAws aws;
  private final SimGitHub github;
  private final SimParams params;
  private final Supplier<ScalingPass> pass;
  private final BooleanSupplier finished;
  private final List<Long> times = new ArrayList<>();
  private final List<int[][]> counts = new ArrayList<>();
  private final List<Integer> queued = new ArrayList<>();
  private final List<Double> costs = new ArrayList<>();
  private double breakerOpenMinutes;

  Sampler(
      VirtualClock clock, SimAws aws, SimGitHub github, SimParams params,
      Supplier<ScalingPass> pass, BooleanSupplier finished) {
    this.clock = clock;
    this.aws = aws;
    this.github = github;
    this.params = params;
    this.pass = pass;
    this.finished = finished;
  }

  /** Samples every {@code everyMs} until the run has finished. */
  void schedule(long everyMs) {
    clock.after(
        everyMs / 1000.0,
        () -> {
          sample();
          if (!finished.getAsBoolean()) {
            schedule(everyMs);
          }
        });
  }

  double breakerOpenMinutes() {
    return breakerOpenMinutes;
  }

  void sample() {
    List<SimGroup> gs = aws.groups();
    int[][] byState = new int[gs.size()][SimResult.TimeSeries.STATES.size()];
    double cost = 0;
    for (int k = 0; k < gs.size(); k++) {
      SimGroup g = gs.get(k);
      for (SimInstance i : g.instances) {
        int s;
        if (i.inWarmPool()) {
          s = i.state.startsWith("Warmed:Pending") ? 3 : 4;
        } else if (i.runner == null) {
          s = 2;
        } else {
          s = i.runner.busy ? 0 : 1;
        }
        byState[k][s]++;
      }
      g.advance(clock.nowMs());
      cost += GroupStats.of(g, params).cost();
    }
    ScalingPass p = pass.get();
    if (p != null) {
      for (PassResult r : p.lastResults().values()) {
        if (r.plan().spotBreakerOpen() && !times.isEmpty()) {
          breakerOpenMinutes += (clock.nowMs() - times.get(times.size() - 1)) / 60_000.0;
        }
      }
    }
    times.add(clock.nowMs());
    counts.add(byState);
    queued.add(github.queuedCount());
    costs.add(cost);
  }

  SimResult.TimeSeries series() {
    int n = times.size();
    long[] t = new long[n];
    int[] q = new int[n];
    double[] c = new double[n];
    int[][][] s = new int[n][][];
    for (int k = 0; k < n; k++) {
      t[k] = times.get(k);
      q[k] = queued.get(k);
      c[k] = costs.get(k);
      s[k] = counts.get(k);
    }
    return new SimResult.TimeSeries(aws.groups().stream().map(g -> g.asg).toList(), t, s, q, c);
  }
}
