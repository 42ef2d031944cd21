package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.scaling.SpotInterruptions;
import dev.hangar.local.sim.SimGitHub.SimRunner;
import java.util.Map;

/**
 * The simulated agent on every instance: completes lifecycle hooks, registers the runner once
 * in service, retires its instance after its job and, for Hangar, reacts to spot notices.
 */
final class SimAgent {
  private final VirtualClock clock;
  private final SimParams params;
  private final SimAws aws;
  private final SimGitHub github;
  private final SpotInterruptions interruptions;
  private final Map<String, Pool> poolByName;
  private final boolean hangar;

  SimAgent(
      VirtualClock clock, SimParams params, SimAws aws, SimGitHub github,
      SpotInterruptions interruptions, Map<String, Pool> poolByName, boolean hangar) {
    this.clock = clock;
    this.params = params;
    this.aws = aws;
    this.github = github;
    this.interruptions = interruptions;
    this.poolByName = poolByName;
    this.hangar = hangar;
  }

  void wire() {
    aws.listen(
        new SimAws.Listener() {
          @Override
          public void onState(SimInstance i, String state) {
            switch (state) {
              case "Pending:Wait" ->
                  clock.after(params.hookSeconds(), () -> completeHook(i, "Pending:Wait"));
              case "Warmed:Pending:Wait" ->
                  clock.after(params.warmupSeconds(), () -> completeHook(i, "Warmed:Pending:Wait"));
              case "InService" -> clock.after(params.registrationSeconds(), () -> register(i));
              case "Terminated" -> {
                if (i.runner != null) {
                  github.lose(i.runner);
                }
              }
              default -> {}
            }
          }

          @Override
          public void onSpotNotice(SimInstance i) {
            if (!hangar) {
              return; // baseline runners have no agent watching for notices
            }
            interruptions.record(i.group.pool, clock.now());
            SimRunner r = i.runner;
            if (r == null || !r.busy) {
              // The agent retires an idle (or not yet registered) runner at once.
              if (r != null) {
                github.deleteRunner(r.id);
              }
              aws.terminateInstance(i.id, true);
            }
          }
        });
  }

  private void register(SimInstance i) {
    if (i.alive() && i.state.equals("InService") && i.runner == null) {
      Pool p = poolByName.get(i.group.pool);
      github.register(i, p.labels(), hangar);
    }
  }

  private void completeHook(SimInstance i, String expected) {
    if (i.alive() && i.state.equals(expected)) {
      aws.completeLifecycleAction(i.group.asg, SimAws.LAUNCH_HOOK, i.id, "CONTINUE");
    }
  }

  /**
   * After a job on an ephemeral (JIT) runner: with {@code maxJobsPerRunner} above 1 and jobs
   * left, the agent cleans the work directory and registers a fresh JIT runner on the same
   * instance (one registration, no boot); otherwise it asks the gateway to retire the instance.
   */
  void afterJob(SimRunner r) {
    if (r == null || !r.ephemeral) {
      return;
    }
    SimInstance inst = r.instance;
    inst.jobsRun++;
    int max = poolByName.get(inst.group.pool).maxJobsOn(inst.group.asg);
    if (inst.jobsRun < max && !inst.noticed) {
      clock.after(params.registrationSeconds(), () -> register(inst));
      return;
    }
    clock.after(
        params.retireSeconds(),
        () -> {
          if (inst.alive()) {
            aws.terminateInstance(inst.id, true);
          }
        });
  }
}
