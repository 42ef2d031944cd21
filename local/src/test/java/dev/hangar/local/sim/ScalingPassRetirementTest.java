package dev.hangar.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.ScalingConfig;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.scaling.PassResult;
import dev.hangar.gateway.scaling.ScalingPass;
import dev.hangar.gateway.scaling.SpotInterruptions;
import dev.hangar.gateway.testing.ForwardingGitHub;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scaling pass retires idle runners through the ports: GitHub first (which refuses a busy
 * runner), then terminate with decrement; a runner that took a job in between survives.
 */
class ScalingPassRetirementTest {
  private static final List<String> LABELS = List.of("self-hosted", "linux");
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-07T10:00:00Z"));
  private final SimParams params = SimParams.defaults();
  private final SimAws aws = new SimAws(clock, params);
  private final SimGitHub github = new SimGitHub(clock, params);
  private final Pool pool =
      new Pool("linux", LABELS, 10, 0, List.of(new Tier("spot", TierKind.SPOT)),
          new ScalingConfig(60, 600, null, 0.0, null, null));

  @BeforeEach
  void twoIdleRunners() {
    aws.listen((i, state) -> {
      if (state.equals("Pending:Wait")) {
        aws.completeLifecycleAction(i.group.asg, SimAws.LAUNCH_HOOK, i.id, "CONTINUE");
      } else if (state.equals("InService")) {
        github.register(i, LABELS, true);
      }
    });
    aws.addGroup("spot", "linux", true, 10, null);
    aws.setDesiredCapacity("spot", 2);
    clock.runUntil(clock.nowMs() + 120_000);
    assertEquals(2, github.listRunners().result().size());
  }

  private PassResult pass(ScalingPass p) {
    Future<PassResult> f = p.run(pool, clock.now());
    assertTrue(f.succeeded(), String.valueOf(f.cause()));
    return f.result();
  }

  @Test
  void idleRunnersAreRetiredOnlyAfterTheIdleTimeout() {
    ScalingPass p = new ScalingPass(new SimLedger(), aws, github, new SpotInterruptions(), new ScalingPolicy(), null);
    assertTrue(pass(p).plan().retire().isEmpty(), "idle since this pass only");
    clock.runUntil(clock.nowMs() + 59_000);
    assertTrue(pass(p).plan().retire().isEmpty(), "59 s idle");
    clock.runUntil(clock.nowMs() + 2_000);
    ScalePlan plan = pass(p).plan();
    assertEquals(2, plan.retire().size());
    assertTrue(plan.retire().stream().allMatch(r -> r.reason() == ScalePlan.Reason.IDLE));
    assertEquals(0, github.listRunners().result().size(), "runners deleted on GitHub");
    assertEquals(0, aws.describe("spot").result().instances().size(), "instances terminated");
    assertEquals(0, aws.describe("spot").result().desiredCapacity(), "with decrement");
  }

  @Test
  void aRunnerThatTookAJobAfterTheListWasReadIsNotTerminated() {
    // GitHub answers the runner list from just before a job arrived (the race the delete
    // call's refusal closes): the pass believes both runners are idle.
    List<GitHub.Runner> stale = new ArrayList<>(github.listRunners().result());
    GitHub racing = new StaleListGitHub(github, stale);
    ScalingPass p = new ScalingPass(new SimLedger(), aws, racing, new SpotInterruptions(), new ScalingPolicy(), null);
    pass(p);
    clock.runUntil(clock.nowMs() + 61_000);
    TraceJob t = new TraceJob(clock.now(), LABELS, 600, "acme/api");
    github.enqueue(new SimJob(0, t, 1, 1, clock.nowMs(), "linux", Set.of("self-hosted", "linux")));
    ScalePlan plan = pass(p).plan();
    assertEquals(2, plan.retire().size(), "the pass tried both");
    assertEquals(1, aws.describe("spot").result().instances().size(), "the busy one survived");
    assertEquals(1, aws.describe("spot").result().desiredCapacity());
    GitHub.Runner left = github.listRunners().result().get(0);
    assertTrue(left.busy());
    assertEquals(left.name(), aws.describe("spot").result().instances().get(0).instanceId());
  }

  /** GitHub whose runner list is a snapshot taken earlier; every other call is live. */
  private static final class StaleListGitHub extends ForwardingGitHub {
    private final List<GitHub.Runner> snapshot;

    StaleListGitHub(GitHub live, List<GitHub.Runner> snapshot) {
      super(live);
      this.snapshot = snapshot;
    }

    @Override
    public Future<List<Runner>> listRunners() {
      return Future.succeededFuture(snapshot);
    }
  }
}
