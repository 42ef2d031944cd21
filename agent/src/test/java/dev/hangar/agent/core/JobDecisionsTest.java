package dev.hangar.agent.core;

import static dev.hangar.agent.core.DecisionsTest.COMPLETED;
import static dev.hangar.agent.core.DecisionsTest.NOW;
import static dev.hangar.agent.core.DecisionsTest.NO_JOB;
import static dev.hangar.agent.core.DecisionsTest.STARTED;
import static dev.hangar.agent.core.DecisionsTest.SUCCEEDED;
import static dev.hangar.agent.core.DecisionsTest.T;
import static dev.hangar.agent.core.DecisionsTest.busy;
import static dev.hangar.agent.core.DecisionsTest.effects;
import static dev.hangar.agent.core.DecisionsTest.idle;
import static dev.hangar.agent.core.DecisionsTest.retire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.Later;
import dev.hangar.agent.core.Action.ReportEvent;
import dev.hangar.agent.core.Action.Retire;
import dev.hangar.agent.core.Action.Shutdown;
import dev.hangar.agent.core.Action.StopRunner;
import dev.hangar.agent.runner.DiagReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision core while the runner lives and when the instance's purpose ends. */
class JobDecisionsTest {
  final Decisions decisions = new Decisions(T);
  static final Map<String, Object> JOB = Map.of("repository", "octo-org/octo-repo", "workflow", "CI",
      "jobName", "build", "runId", 30433642L);

  Decision decide(Situation s, Signal signal) {
    return decisions.decide(s, signal, NOW);
  }

  static Map<String, Object> event(String type, Object... extra) {
    Map<String, Object> e = new java.util.HashMap<>(JOB);
    e.put("type", type);
    for (int i = 0; i < extra.length; i += 2) {
      e.put((String) extra[i], extra[i + 1]);
    }
    return e;
  }

  static Signal.SpotNotice spot(Duration inFuture, Optional<String> diagJob) {
    return new Signal.SpotNotice("terminate", NOW.plus(inFuture).toString(), diagJob);
  }

  @Test
  void jobStartedMakesTheRunnerBusyAndIsReported() {
    Decision d = decide(idle(), new Signal.Hook(STARTED));
    assertEquals(AgentState.BUSY, d.next().phase());
    assertTrue(d.next().busy());
    assertEquals(List.of(new ReportEvent(event("job-started"))), effects(d));
  }

  @Test
  void jobCompletedHookGivesTheRunnerAGracePeriodToExit() {
    Decision d = decide(busy(), new Signal.Hook(COMPLETED));
    assertTrue(d.next().jobDone());
    assertEquals(List.of(new Later(T.runnerExitGrace(), new Signal.RunnerExitOverdue())), effects(d));
    assertEquals(List.of(new StopRunner(Duration.ZERO)),
        effects(decide(d.next(), new Signal.RunnerExitOverdue())), "overdue runner is killed");
  }

  @Test
  void jobCompletedRunnerExitReportsTheConclusionAndRetires() {
    Decision d = decide(busy().jobDone(true), new Signal.RunnerExited(SUCCEEDED));
    assertEquals(AgentState.RETIRING, d.next().phase());
    assertEquals(List.of(new ReportEvent(event("job-completed", "conclusion", "success")),
        retire("job-completed", AgentState.BUSY)), effects(d));
  }

  @Test
  void runnerExitWithoutAJobRetiresWithoutAJobReport() {
    Decision d = decide(idle(), new Signal.RunnerExited(NO_JOB));
    assertEquals(List.of(retire("runner-exited", AgentState.IDLE)), effects(d));
  }

  @Test
  void jobSeenOnlyInDiagnosticsIsReportedByItsName() {
    DiagReport failed = new DiagReport(true, Optional.of("test"), Optional.of("Failed"), Optional.empty());
    Decision d = decide(idle(), new Signal.RunnerExited(failed));
    assertEquals(List.of(new ReportEvent(Map.of("type", "job-completed", "jobName", "test", "conclusion", "failure")),
        retire("job-completed", AgentState.IDLE)), effects(d));
  }

  @Test
  void idleRunnerAndSpotNoticeRetiresAtOnce() {
    Decision d = decide(idle(), spot(Duration.ofMinutes(2), Optional.empty()));
    assertEquals(AgentState.RETIRING, d.next().phase());
    assertEquals(List.of(retire("spot-interruption", AgentState.IDLE)), effects(d));
    Retired retired = new Retired();
    assertEquals(AgentState.RETIRED, retired.after(d).next().phase());
    assertEquals(List.of(new StopRunner(T.runnerExitGrace()), new Later(T.retireDeadline(),
        new Signal.RetiredTooLong())), effects(retired.after(d)));
  }

  /** Feeds the gateway's "retired" answer to a decision that asked to retire. */
  private final class Retired {
    Decision after(Decision asked) {
      Retire step = (Retire) effects(asked).get(effects(asked).size() - 1);
      return decide(asked.next(), new Signal.Retired(step));
    }
  }

  @Test
  void busyRunnerAndSpotNoticeReportsTheInterruptionAndStopsBeforeTheDeadline() {
    Decision d = decide(busy(), spot(Duration.ofMinutes(2), Optional.empty()));
    assertEquals(AgentState.DRAINING, d.next().phase());
    // Stop spot.stopLead (30 s) ahead of the 2-minute deadline: in 90 s.
    assertEquals(List.of(new ReportEvent(event("spot-interruption", "deadline", NOW.plusSeconds(120).toString())),
        new Later(Duration.ofSeconds(90), new Signal.Drain())), effects(d));

    Decision drain = decide(d.next(), new Signal.Drain());
    assertTrue(drain.next().drained());
    assertEquals(List.of(new StopRunner(T.spotStopLead().dividedBy(2))), effects(drain));

    Decision exited = decide(drain.next(), new Signal.RunnerExited(NO_JOB));
    assertEquals(List.of(new ReportEvent(event("job-completed", "conclusion", "cancelled")),
        retire("spot-interruption", AgentState.DRAINING)), effects(exited));
  }

  @Test
  void spotDeadlineCloserThanTheLeadOrUnreadableStopsAtOnce() {
    assertEquals(new Later(Duration.ZERO, new Signal.Drain()),
        effects(decide(busy(), spot(Duration.ofSeconds(10), Optional.empty()))).get(1));
    Signal.SpotNotice garbled = new Signal.SpotNotice("terminate", "soon", Optional.empty());
    assertEquals(new Later(Duration.ZERO, new Signal.Drain()), effects(decide(busy(), garbled)).get(1));
  }

  @Test
  void runnerBusyInItsDiagnosticsCountsAsBusyWithoutAHook() {
    Decision d = decide(idle(), spot(Duration.ofMinutes(2), Optional.of("build")));
    assertEquals(AgentState.DRAINING, d.next().phase());
    assertTrue(d.next().busy());
    assertEquals(Map.of("type", "spot-interruption", "deadline", NOW.plusSeconds(120).toString()),
        ((ReportEvent) effects(d).get(0)).event());
  }

  @Test
  void spotAndRebalanceAreActedOnOnceAndOnlyWhileTheRunnerRuns() {
    Decision first = decide(busy(), spot(Duration.ofMinutes(2), Optional.empty()));
    assertEquals(List.of(), decide(first.next(), spot(Duration.ofMinutes(2), Optional.empty())).actions());
    for (AgentState phase : List.of(AgentState.REGISTERING, AgentState.RETIRED, AgentState.SHUTTING_DOWN)) {
      assertEquals(List.of(), decide(idle().phase(phase), spot(Duration.ofMinutes(2), Optional.empty())).actions());
      assertEquals(List.of(), decide(idle().phase(phase), new Signal.Rebalance("t", Optional.empty())).actions());
    }
  }

  @Test
  void rebalanceRetiresAnIdleRunnerAndIsOnlyReportedForABusyOne() {
    assertEquals(List.of(retire("rebalance", AgentState.IDLE)),
        effects(decide(idle(), new Signal.Rebalance("t", Optional.empty()))));
    Decision d = decide(busy(), new Signal.Rebalance("t", Optional.empty()));
    assertEquals(AgentState.BUSY, d.next().phase());
    assertEquals(List.of(new ReportEvent(event("rebalance"))), effects(d));
    assertEquals(List.of(), decide(d.next(), new Signal.Rebalance("t", Optional.empty())).actions());
  }

  @Test
  void runnerBusyAnswerKeepsARunningRunnerAndStillDrainsForTheSpotNotice() {
    Decision asked = decide(idle(), spot(Duration.ofMinutes(2), Optional.empty()));
    Retire step = (Retire) effects(asked).get(0);
    Decision d = decide(asked.next(), new Signal.Refused(step, "runner_busy", 409, "runner busy"));
    assertEquals(AgentState.DRAINING, d.next().phase());
    assertTrue(d.next().busy());
    assertEquals(List.of(new ReportEvent(Map.of("type", "spot-interruption", "deadline",
        NOW.plusSeconds(120).toString())), new Later(Duration.ofSeconds(90), new Signal.Drain())), effects(d));

    Decision rebalance = decide(idle(), new Signal.Rebalance("t", Optional.empty()));
    Retire r = (Retire) effects(rebalance).get(0);
    Decision kept = decide(rebalance.next(), new Signal.Refused(r, "runner_busy", 409, "runner busy"));
    assertEquals(AgentState.BUSY, kept.next().phase());
    assertEquals(List.of(), effects(kept), "keeps waiting");
  }

  @Test
  void runnerBusyAnswerAfterTheRunnerExitedAsksAgainWithinTheSameDeadline() {
    Retire step = retire("job-completed", AgentState.BUSY);
    Situation retiring = busy().phase(AgentState.RETIRING).runnerRunning(false);
    Decision d = decide(retiring, new Signal.Refused(step, "runner_busy", 409, "runner busy"));
    assertEquals(AgentState.RETIRING, d.next().phase());
    assertEquals(List.of(new Retire("job-completed", step.deadline(), 1, AgentState.BUSY)), effects(d));
  }

  @Test
  void retirementRefusedOrOutOfTimeShutsDownAndARetiredInstanceThatLingersToo() {
    Retire step = retire("job-completed", AgentState.BUSY);
    Situation retiring = busy().phase(AgentState.RETIRING).runnerRunning(false);
    assertEquals(List.of(new Shutdown("retirement refused")),
        effects(decide(retiring, new Signal.Refused(step, "not_managed", 403, "no"))));
    Decision gone = decide(retiring, new Signal.GaveUp(step));
    assertEquals(AgentState.SHUTTING_DOWN, gone.next().phase());
    assertEquals(List.of(new Shutdown("gateway unreachable for retirement")), effects(gone));
    assertEquals(List.of(), decide(gone.next(), new Signal.RetiredTooLong()).actions(), "shuts down once");

    Decision lingering = decide(retiring.phase(AgentState.RETIRED), new Signal.RetiredTooLong());
    assertEquals(List.of(new Shutdown("still running " + T.retireDeadline() + " after retirement")),
        effects(lingering));
  }

  @Test
  void hooksAndRunnerSignalsOutsideSupervisionChangeNothing() {
    for (AgentState phase : List.of(AgentState.STARTING, AgentState.WARMED, AgentState.REGISTERING,
        AgentState.RETIRED, AgentState.SHUTTING_DOWN)) {
      Situation s = idle().phase(phase);
      for (Signal signal : List.of(new Signal.Hook(STARTED), new Signal.Hook(COMPLETED), new Signal.Drain(),
          new Signal.RunnerExitOverdue(), new Signal.RunnerExited(SUCCEEDED))) {
        Decision d = decide(s, signal);
        assertEquals(List.of(), d.actions(), phase + " " + signal);
        assertEquals(phase, d.next().phase());
      }
    }
  }
}
