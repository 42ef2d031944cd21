package dev.hangar.local.sim;

import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.local.sim.SimGitHub.SimRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cold-per-job baseline's controller, as the Lambda-based module runs with its defaults: a
 * queued event handled after a delay launches one instance if the job still waits, and a
 * periodic scale-down removes idle runners that ran the minimum time.
 */
final class ColdPerJob {
  private final VirtualClock clock;
  private final SimAws aws;
  private final SimGitHub github;
  private final SimParams params;
  private final List<Pool> pools;
  private final Map<String, List<SimGroup>> groupsOfPool;

  ColdPerJob(
      VirtualClock clock, SimAws aws, SimGitHub github, SimParams params, List<Pool> pools,
      Map<String, List<SimGroup>> groupsOfPool) {
    this.clock = clock;
    this.aws = aws;
    this.github = github;
    this.params = params;
    this.pools = pools;
    this.groupsOfPool = groupsOfPool;
  }

  void start() {
    scaleDownTick();
  }

  void onJobEvent(SimJob job, JobStatus status) {
    if (status != JobStatus.QUEUED) {
      return;
    }
    clock.after(
        params.coldDelaySeconds(),
        () -> {
          // Scale-up: launch one instance if the job is still queued and below max.
          if (!params.coldJobQueuedCheck() || (job.runner == null && job.startedMs < 0)) {
            SimGroup g = groupsOfPool.get(job.pool).get(0);
            if (g.desired < g.maxSize) {
              aws.setDesiredCapacity(g.asg, g.desired + 1);
            }
          }
        });
  }

  private void scaleDownTick() {
    long minRunMs = (long) (params.coldMinRunningMinutes() * 60_000);
    for (Pool p : pools) {
      SimGroup g = groupsOfPool.get(p.name()).get(0);
      for (SimInstance i : new ArrayList<>(g.instances)) {
        SimRunner r = i.runner;
        if (r != null && !r.busy && clock.nowMs() - i.launchMs >= minRunMs) {
          if (github.deleteRunner(r.id).succeeded()) {
            aws.terminateInstance(i.id, true);
          }
        }
      }
    }
    clock.after(params.coldScaleDownMinutes() * 60, this::scaleDownTick);
  }
}
