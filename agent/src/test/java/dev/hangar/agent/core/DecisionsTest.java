package dev.hangar.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.AgentState;
import dev.hangar.agent.core.Action.CheckRunner;
import dev.hangar.agent.core.Action.CompleteLifecycle;
import dev.hangar.agent.core.Action.Deregister;
import dev.hangar.agent.core.Action.Later;
import dev.hangar.agent.core.Action.Register;
import dev.hangar.agent.core.Action.ReportEvent;
import dev.hangar.agent.core.Action.Retire;
import dev.hangar.agent.core.Action.Shutdown;
import dev.hangar.agent.core.Action.StartRunner;
import dev.hangar.agent.core.Action.StopRunner;
import dev.hangar.agent.core.Action.UpdateRunner;
import dev.hangar.agent.core.Action.WarmUp;
import dev.hangar.agent.core.Action.WatchSpot;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.gateway.RunnerDownload;
import dev.hangar.agent.gateway.Session;
import dev.hangar.agent.runner.DiagReport;
import dev.hangar.agent.runner.HookEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision core as tables: situation × signal → next situation and actions, without HTTP or clocks. */
class DecisionsTest {
  static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  static final Timings T = new Timings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(30),
      Duration.ofMinutes(2));
  static final HookEvent STARTED = new HookEvent("job-started", "octo-org/octo-repo", "CI", "build", "30433642");
  static final HookEvent COMPLETED = new HookEvent("job-completed", "octo-org/octo-repo", "CI", "build", "30433642");
  static final DiagReport NO_JOB = new DiagReport(true, Optional.empty(), Optional.empty(), Optional.empty());
  static final DiagReport SUCCEEDED = new DiagReport(true, Optional.of("build"), Optional.of("Succeeded"),
      Optional.empty());
  final Decisions decisions = new Decisions(T);

  static Situation idle() {
    return Situation.initial().phase(AgentState.IDLE).lifecycle("InService").runnerVersion("2.320.0")
        .runnerRunning(true);
  }

  static Situation busy() {
    return idle().phase(AgentState.BUSY).busy(true).job(Optional.of(STARTED));
  }

  Decision decide(Situation s, Signal signal) {
    return decisions.decide(s, signal, NOW);
  }

  /** The actions that are not log lines. */
  static List<Action> effects(Decision d) {
    return d.actions().stream().filter(a -> !(a instanceof Action.Note)).toList();
  }

  static Retire retire(String reason, AgentState from) {
    return new Retire(reason, NOW.plus(T.retireDeadline()), 0, from);
  }

  static Registration registration(String required, Optional<RunnerDownload> download) {
    return new Registration(new Session("st", "i-1", ""), "i-1", "jit-secret", required, download);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Test
  void warmedStartsTheWarmUpThenReportsAndCompletesTheLaunchAction() {
    Decision warm = decide(Situation.initial(), new Signal.Lifecycle("Warmed:Pending:Wait"));
    assertEquals(AgentState.WARMING_UP, warm.next().phase());
    assertEquals(List.of(new WarmUp()), effects(warm));

    Decision done = decide(warm.next(), new Signal.WarmUpDone(true));
    assertEquals(List.of(new ReportEvent(Map.of("type", "warm-up-done")),
        new CompleteLifecycle("launch", "CONTINUE", NOW.plus(T.registerDeadline()))), effects(done));
    assertTrue(done.next().warmedUp());

    CompleteLifecycle action = new CompleteLifecycle("launch", "CONTINUE", NOW.plus(T.registerDeadline()));
    Decision completed = decide(done.next(), new Signal.LifecycleDone(action, true));
    assertEquals(AgentState.WARMED, completed.next().phase());
    assertEquals(List.of(), effects(completed));
  }

  @Test
  void failedWarmUpAbandonsTheLaunchWithoutReportingWarmUpDone() {
    Situation warming = Situation.initial().phase(AgentState.WARMING_UP);
    assertEquals(List.of(new CompleteLifecycle("launch", "ABANDON", NOW.plus(T.registerDeadline()))),
        effects(decide(warming, new Signal.WarmUpDone(false))));
  }

  @Test
  void anotherWarmedStateAfterTheWarmUpDoesNotWarmUpAgain() {
    Situation warmed = Situation.initial().phase(AgentState.WARMED).warmedUp(true).lifecycle("Warmed:Pending:Wait");
    Decision d = decide(warmed, new Signal.Lifecycle("Warmed:Stopped"));
    assertEquals(List.of(), effects(d));
    assertEquals(AgentState.WARMED, d.next().phase());
    assertEquals("Warmed:Stopped", d.next().lifecycle());
  }

  @Test
  void inServiceFromStartOrWarmPoolWatchesSpotAndReadsTheRunnerVersion() {
    for (Situation s : List.of(Situation.initial(), Situation.initial().phase(AgentState.WARMED).warmedUp(true))) {
      Decision d = decide(s, new Signal.Lifecycle("InService"));
      assertEquals(AgentState.REGISTERING, d.next().phase());
      assertEquals(List.of(new WatchSpot(), new CheckRunner()), effects(d));
    }
  }

  @Test
  void otherStatesBeforeServiceOnlyWait() {
    Decision d = decide(Situation.initial(), new Signal.Lifecycle("Pending:Wait"));
    assertEquals(AgentState.STARTING, d.next().phase());
    assertEquals(List.of(), effects(d));
    assertEquals(1, d.actions().size(), "says it waits");
  }

  @Test
  void lifecycleChangesOtherThanTerminationAreIgnoredOnceInService() {
    for (AgentState phase : EnumSet.range(AgentState.REGISTERING, AgentState.SHUTTING_DOWN)) {
      if (phase == AgentState.TERMINATING) {
        continue;
      }
      Decision d = decide(idle().phase(phase), new Signal.Lifecycle("Warmed:Running"));
      assertEquals(phase, d.next().phase(), phase.toString());
      assertEquals(List.of(), d.actions(), phase.toString());
    }
  }

  @Test
  void terminatedStopsTheRunnerDeregistersAndCompletesTheTerminationAction() {
    for (String state : List.of("Terminated", "Warmed:Terminated")) {
      Decision d = decide(busy(), new Signal.Lifecycle(state));
      assertEquals(AgentState.TERMINATING, d.next().phase());
      assertEquals(List.of(new StopRunner(T.runnerExitGrace()), new Deregister("instance-terminating"),
          new CompleteLifecycle("termination", "CONTINUE", NOW.plus(T.retireDeadline()))), effects(d));
    }
  }

  @Test
  void terminatedAfterRetirementOrShutdownDoesNotDeregisterAgain() {
    for (AgentState phase : List.of(AgentState.RETIRED, AgentState.SHUTTING_DOWN)) {
      Decision d = decide(idle().phase(phase).runnerRunning(false), new Signal.Lifecycle("Terminated"));
      assertEquals(List.of(new CompleteLifecycle("termination", "CONTINUE", NOW.plus(T.retireDeadline()))),
          effects(d), phase.toString());
    }
  }

  @Test
  void terminationIsHandledOnceAndThenNothingElseMatters() {
    Situation terminating = idle().phase(AgentState.TERMINATING);
    List<Signal> signals = List.of(new Signal.Lifecycle("Terminated"), new Signal.Hook(STARTED),
        new Signal.SpotNotice("terminate", NOW.plusSeconds(120).toString(), Optional.empty()),
        new Signal.Rebalance("x", Optional.empty()), new Signal.Drain(), new Signal.RunnerExitOverdue(),
        new Signal.RetiredTooLong());
    for (Signal signal : signals) {
      assertEquals(List.of(), decide(terminating, signal).actions(), signal.toString());
    }
    assertFalse(decide(terminating, new Signal.RunnerExited(NO_JOB)).next().runnerRunning());
  }

  // ---- registration -------------------------------------------------------------------------

  @Test
  void runnerVersionReadRegistersWithinTheRegisterDeadline() {
    Situation registering = Situation.initial().phase(AgentState.REGISTERING);
    Decision d = decide(registering, new Signal.RunnerChecked(Optional.of("2.320.0"), ""));
    assertEquals("2.320.0", d.next().runnerVersion());
    assertEquals(List.of(new Register("2.320.0", NOW.plus(T.registerDeadline()), 0)), effects(d));

    Decision missing = decide(registering, new Signal.RunnerChecked(Optional.empty(), "no runner"));
    assertEquals(List.of(retire("runner-missing", AgentState.REGISTERING)), effects(missing));
    assertEquals(AgentState.RETIRING, missing.next().phase());
  }

  @Test
  void registerRefusedNotInServiceCompletesTheLaunchActionAndRetriesLaterNotFatal() {
    Situation registering = Situation.initial().phase(AgentState.REGISTERING).runnerVersion("2.320.0");
    Register first = new Register("2.320.0", NOW.plusSeconds(60), 0);
    Decision d = decide(registering, new Signal.Refused(first, "not_in_service", 409, "instance not in service"));
    assertEquals(AgentState.REGISTERING, d.next().phase());
    assertEquals(List.of(new CompleteLifecycle("launch", "CONTINUE", NOW),
        new Register("2.320.0", NOW.plusSeconds(60), 1)), effects(d));
  }

  @Test
  void registerRefusedAlreadyRegisteredRetiresOtherRefusalsShutDown() {
    Situation registering = Situation.initial().phase(AgentState.REGISTERING).runnerVersion("2.320.0");
    Register step = new Register("2.320.0", NOW.plusSeconds(60), 0);
    Decision again = decide(registering, new Signal.Refused(step, "already_registered", 409, "already registered"));
    assertEquals(List.of(retire("registered-before-restart", AgentState.REGISTERING)), effects(again));
    for (String code : List.of("not_managed", "not_verified", "bad_request", "")) {
      Decision d = decide(registering, new Signal.Refused(step, code, 403, "no"));
      assertEquals(AgentState.SHUTTING_DOWN, d.next().phase(), code);
      assertEquals(List.of(new Shutdown("registration refused")), effects(d), code);
    }
    Decision gone = decide(registering, new Signal.GaveUp(step));
    assertEquals(List.of(new Shutdown("gateway unreachable for registration")), effects(gone));
  }

  @Test
  void registeredStartsTheRunnerOrUpdatesItFirst() {
    Situation registering = Situation.initial().phase(AgentState.REGISTERING).runnerVersion("2.320.0");
    Registration current = registration("2.320.0", Optional.empty());
    assertEquals(List.of(new StartRunner(current)), effects(decide(registering, new Signal.Registered(current))));
    Registration noDownload = registration("2.321.0", Optional.empty());
    assertEquals(List.of(new StartRunner(noDownload)),
        effects(decide(registering, new Signal.Registered(noDownload))));

    RunnerDownload download = new RunnerDownload(URI.create("https://mirror/r.tgz"), "ab");
    Registration newer = registration("2.321.0", Optional.of(download));
    Decision update = decide(registering, new Signal.Registered(newer));
    assertEquals(AgentState.UPDATING, update.next().phase());
    assertEquals(List.of(new UpdateRunner("2.320.0", "2.321.0", download)), effects(update));

    Decision updated = decide(update.next(), new Signal.RunnerUpdated(Optional.of("2.321.0")));
    assertEquals("2.321.0", updated.next().runnerVersion());
    assertEquals(Optional.empty(), updated.next().registration(), "the JIT config is not kept");
    assertEquals(List.of(new StartRunner(newer)), effects(updated));
    assertEquals("2.320.0", decide(update.next(), new Signal.RunnerUpdated(Optional.empty())).next().runnerVersion());
  }

  @Test
  void runnerStartedIsIdleAndAFailedStartRetires() {
    Decision started = decide(Situation.initial().phase(AgentState.REGISTERING), new Signal.RunnerStarted(42));
    assertEquals(AgentState.IDLE, started.next().phase());
    assertTrue(started.next().runnerRunning());
    Decision failed = decide(Situation.initial().phase(AgentState.UPDATING), new Signal.RunnerStartFailed("x"));
    assertEquals(List.of(retire("runner-start-failed", AgentState.UPDATING)), effects(failed));
  }
}
