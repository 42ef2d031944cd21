package dev.hangar.agent.core;

import static dev.hangar.agent.core.DecisionsTest.COMPLETED;
import static dev.hangar.agent.core.DecisionsTest.NOW;
import static dev.hangar.agent.core.DecisionsTest.STARTED;
import static dev.hangar.agent.core.DecisionsTest.SUCCEEDED;
import static dev.hangar.agent.core.DecisionsTest.T;
import static dev.hangar.agent.core.DecisionsTest.busy;
import static dev.hangar.agent.core.DecisionsTest.effects;
import static dev.hangar.agent.core.DecisionsTest.retire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.CleanWork;
import dev.hangar.agent.core.Action.Register;
import dev.hangar.agent.core.Action.ReportEvent;
import dev.hangar.agent.core.Action.StartRunner;
import dev.hangar.agent.core.Action.StopRunner;
import dev.hangar.agent.core.Action.UpdateRunner;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.gateway.RunnerDownload;
import dev.hangar.agent.gateway.Session;
import dev.hangar.agent.runner.DiagReport;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runner reuse in the decision core: after a job that ended normally, an instance the gateway
 * allows more jobs cleans the work folder and registers the next job's runner; anything that
 * says stop makes it retire exactly as an ephemeral instance does.
 */
class ReuseDecisionsTest {
  final Decisions decisions = new Decisions(T);
  static final Map<String, Object> COMPLETED_EVENT = JobDecisionsTest.event("job-completed", "conclusion", "success");

  Decision decide(Situation s, Signal signal) {
    return decisions.decide(s, signal, NOW);
  }

  static Registration registration(int sequence, int jobsLeft) {
    return new Registration(new Session("st", "i-1", ""), "i-1", "jit-" + sequence, "2.320.0", Optional.empty(),
        sequence, jobsLeft);
  }

  /** A busy runner of job {@code sequence} whose job-completed hook arrived. */
  static Situation finishing(int sequence, int jobsLeft) {
    Situation s = busy().jobDone(true);
    return s.reuse(s.reuse().registered(sequence, jobsLeft));
  }

  @Test
  void aFinishedJobWithJobsLeftIsReportedTheWorkFolderCleanedAndTheNextRunnerRegistered() {
    Decision exited = decide(finishing(1, 2), new Signal.RunnerExited(SUCCEEDED));
    Situation between = exited.next();
    assertEquals(AgentState.REGISTERING, between.phase());
    assertFalse(between.runnerRunning());
    assertFalse(between.busy());
    assertFalse(between.jobDone());
    assertEquals(Optional.empty(), between.job(), "the next job is not this one");
    assertEquals(List.of(new ReportEvent(COMPLETED_EVENT), new CleanWork()), effects(exited));

    Decision cleaned = decide(between, new Signal.WorkCleaned(true, ""));
    assertEquals(List.of(new Register("2.320.0", NOW.plus(T.registerDeadline()), 0, 2)), effects(cleaned));

    Registration second = registration(2, 1);
    Decision registered = decide(cleaned.next(), new Signal.Registered(second));
    assertEquals(List.of(new StartRunner(second)), effects(registered));
    assertEquals(2, registered.next().reuse().sequence());
    assertEquals(1, registered.next().reuse().jobsLeft());

    Decision started = decide(registered.next(), new Signal.RunnerStarted(43));
    assertEquals(AgentState.IDLE, started.next().phase());
    assertTrue(started.next().runnerRunning());
  }

  @Test
  void threeJobsThenRetirementAsTheGatewayCountsThemDown() {
    Situation s = finishing(1, 2);
    List<Integer> registered = new java.util.ArrayList<>();
    for (int job = 1; ; job++) {
      Decision exited = decide(s, new Signal.RunnerExited(SUCCEEDED));
      if (exited.next().phase() == AgentState.RETIRING) {
        assertEquals(List.of(new ReportEvent(COMPLETED_EVENT), retire("job-completed", AgentState.BUSY)),
            effects(exited));
        assertEquals(3, job, "retired after the third job");
        break;
      }
      Register next = (Register) effects(decide(exited.next(), new Signal.WorkCleaned(true, ""))).get(0);
      registered.add(next.sequence());
      Situation withRunner = decide(exited.next(), new Signal.Registered(registration(next.sequence(), 3 - next.sequence())))
          .next();
      Situation running = decide(withRunner, new Signal.RunnerStarted(40 + job)).next();
      s = decide(decide(running, new Signal.Hook(STARTED)).next(), new Signal.Hook(COMPLETED)).next();
    }
    assertEquals(List.of(2, 3), registered);
  }

  @Test
  void anEphemeralRunnerRetiresAfterItsJobAsBefore() {
    Decision d = decide(finishing(1, 0), new Signal.RunnerExited(SUCCEEDED));
    assertEquals(AgentState.RETIRING, d.next().phase());
    assertEquals(List.of(new ReportEvent(COMPLETED_EVENT), retire("job-completed", AgentState.BUSY)), effects(d));
  }

  @Test
  void everyReasonToStopRetiresInsteadOfTakingAnotherJob() {
    DiagReport error = new DiagReport(true, Optional.of("build"), Optional.of("Succeeded"),
        Optional.of("Runner version 2.300.0 is deprecated"));
    DiagReport noResult = new DiagReport(true, Optional.of("build"), Optional.empty(), Optional.empty());
    Situation ok = finishing(1, 2);
    Map<String, Stop> stops = new LinkedHashMap<>();
    stops.put("rebalance recommendation", new Stop(ok.rebalanceSeen(true), SUCCEEDED));
    stops.put("lifecycle state Terminating:Wait", new Stop(ok.lifecycle("Terminating:Wait"), SUCCEEDED));
    stops.put("lifecycle state Warmed:Running", new Stop(ok.lifecycle("Warmed:Running"), SUCCEEDED));
    stops.put("runner update pending", new Stop(ok.reuse(ok.reuse().updatePending(true)), SUCCEEDED));
    stops.put("runner had to be killed", new Stop(ok.reuse(ok.reuse().runnerKilled(true)), SUCCEEDED));
    stops.put("runner reported an error", new Stop(ok, error));
    stops.put("job end not seen", new Stop(ok.jobDone(false), noResult));
    stops.forEach((why, stop) -> {
      Decision d = decide(stop.situation(), new Signal.RunnerExited(stop.diag()));
      assertEquals(AgentState.RETIRING, d.next().phase(), why);
      List<Action> effects = effects(d);
      assertEquals(retire("job-completed", AgentState.BUSY), effects.get(effects.size() - 1), why);
      assertFalse(effects.contains(new CleanWork()), why);
      assertTrue(d.actions().stream().anyMatch(a -> a instanceof Action.Note n
          && n.message().equals("not taking another job") && String.valueOf(n.fields().get(1)).startsWith(why)), why);
    });
  }

  private record Stop(Situation situation, DiagReport diag) {}

  @Test
  void aSpotNoticeDuringTheJobEndsReuseWithTheDrain() {
    Situation s = finishing(1, 2).jobDone(false);
    Decision notice = decide(s, new Signal.SpotNotice("terminate", NOW.plusSeconds(120).toString(), Optional.empty()));
    assertEquals(AgentState.DRAINING, notice.next().phase());
    Decision drained = decide(decide(notice.next(), new Signal.Drain()).next(),
        new Signal.RunnerExited(new DiagReport(true, Optional.of("build"), Optional.of("Canceled"), Optional.empty())));
    assertEquals(AgentState.RETIRING, drained.next().phase());
    assertEquals(retire("spot-interruption", AgentState.DRAINING), effects(drained).get(effects(drained).size() - 1));

    // A notice the agent acted on once the runner was idle again also stops the next job.
    Situation noticed = finishing(1, 2).spot(Optional.of(new Signal.SpotNotice("terminate", "", Optional.empty())));
    assertEquals(AgentState.RETIRING, decide(noticed, new Signal.RunnerExited(SUCCEEDED)).next().phase());
  }

  @Test
  void aWorkFolderThatCannotBeCleanedRetires() {
    Situation between = decide(finishing(1, 2), new Signal.RunnerExited(SUCCEEDED)).next();
    Decision d = decide(between, new Signal.WorkCleaned(false, "Permission denied"));
    assertEquals(AgentState.RETIRING, d.next().phase());
    assertEquals(List.of(retire("work-dir-not-clean", AgentState.REGISTERING)), effects(d));
  }

  @Test
  void aLateExitTimerOfTheLastJobsRunnerLeavesTheNextRunnerAlone() {
    // Job 1's completed hook set a timer; job 2's runner is running when it fires.
    Decision hook = decide(finishing(1, 2).jobDone(false), new Signal.Hook(COMPLETED));
    assertEquals(List.of(new Action.Later(T.runnerExitGrace(), new Signal.RunnerExitOverdue(1))), effects(hook));
    Situation second = DecisionsTest.idle().reuse(Situation.Reuse.NONE.registered(2, 1));
    assertEquals(List.of(), decide(second, new Signal.RunnerExitOverdue(1)).actions());
    Decision overdue = decide(second, new Signal.RunnerExitOverdue(2));
    assertEquals(List.of(new StopRunner(Duration.ZERO)), effects(overdue));
    assertTrue(overdue.next().reuse().runnerKilled(), "a killed runner is not reused");
  }

  @Test
  void refusalsOfTheNextRegistrationRetireAndABusyPreviousRunnerIsAskedAgain() {
    Situation between = decide(finishing(1, 2), new Signal.RunnerExited(SUCCEEDED)).next();
    Register step = new Register("2.320.0", NOW.plusSeconds(60), 0, 2);
    for (String code : List.of("sequence_refused", "already_registered", "not_in_service")) {
      Decision d = decide(between, new Signal.Refused(step, code, 409, "no"));
      assertEquals(List.of(retire("no-further-job", AgentState.REGISTERING)), effects(d), code);
    }
    Decision busyPrevious = decide(between, new Signal.Refused(step, "runner_busy", 409, "previous runner busy"));
    assertEquals(AgentState.REGISTERING, busyPrevious.next().phase());
    assertEquals(List.of(new Register("2.320.0", NOW.plusSeconds(60), 1, 2)), effects(busyPrevious));
    assertEquals(List.of(new Action.Shutdown("gateway unreachable for registration")),
        effects(decide(between, new Signal.GaveUp(step))));
  }

  @Test
  void aRunnerUpdateThatDidNotHappenEndsReuseAfterThisJob() {
    Situation registering = Situation.initial().phase(AgentState.REGISTERING).lifecycle("InService")
        .runnerVersion("2.320.0");
    Registration noDownload = new Registration(new Session("st", "i-1", ""), "i-1", "jit", "2.321.0",
        Optional.empty(), 1, 2);
    assertTrue(decide(registering, new Signal.Registered(noDownload)).next().reuse().updatePending());

    RunnerDownload download = new RunnerDownload(URI.create("https://mirror/r.tgz"), "ab");
    Registration newer = new Registration(new Session("st", "i-1", ""), "i-1", "jit", "2.321.0",
        Optional.of(download), 1, 2);
    Decision update = decide(registering, new Signal.Registered(newer));
    assertEquals(List.of(new UpdateRunner("2.320.0", "2.321.0", download)), effects(update));
    assertTrue(decide(update.next(), new Signal.RunnerUpdated(Optional.empty())).next().reuse().updatePending(),
        "failed update");
    assertFalse(decide(update.next(), new Signal.RunnerUpdated(Optional.of("2.321.0"))).next().reuse().updatePending());
  }
}
