package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure decisions of runner reconciliation. */
class RunnerSweepTest {
  static final Pool POOL = new Pool("linux", List.of("self-hosted", "linux"), 10, 0,
      List.of(new Tier("linux-warm", TierKind.WARM)));
  /** The default of pools[].scaling.bootTimeoutSeconds. */
  static final Duration BOOT = Duration.ofMinutes(10);
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A sweep that keeps its sightings from one plan to the next, as the reconciler does. */
  static final class Sweeper {
    FirstSeen<String> sightings = FirstSeen.none();

    List<RunnerSweep.Action> plan(List<RunnerSweep.Runner> runners, List<RunnerSweep.Instance> instances,
        Instant now) {
      RunnerSweep.Plan p = RunnerSweep.plan(
          runners, List.of(new RunnerSweep.PoolInstances(POOL, instances)), now, sightings);
      sightings = p.sightings();
      return p.actions();
    }
  }

  static RunnerSweep.Instance instance(String id, String state, Instant launched) {
    return new RunnerSweep.Instance(id, InstanceLifecycle.parse(state), launched);
  }

  static RunnerSweep.Runner runner(long id, String name, String status, boolean busy) {
    return new RunnerSweep.Runner(id, name, "offline".equals(status), busy, List.of("self-hosted", "Linux"));
  }

  @Test
  void onlyHangarsIdleRunnersWithoutInstanceAreOrphans() {
    List<RunnerSweep.Runner> runners = List.of(
        runner(1, "i-0123456789abcdef0", "offline", false),
        runner(2, "i-0123456789abcdef1", "online", true),
        runner(3, "build-box", "offline", false),
        new RunnerSweep.Runner(4, "i-0123456789abcdef2", true, false, List.of("self-hosted", "gpu")));
    List<RunnerSweep.Action> actions = new Sweeper().plan(runners, List.of(), T0);
    assertEquals(List.of(new RunnerSweep.Action(RunnerSweep.Kind.DELETE_ORPHAN, "linux",
        "i-0123456789abcdef0", 1L, "i-0123456789abcdef0")), actions);
  }

  @Test
  void unregisteredInstanceIsRetiredOnlyAfterTheBootTimeoutWasObserved() {
    Sweeper s = new Sweeper();
    var old = instance("i-0aaaaaaaaaaaaaaaa", "InService", T0.minus(Duration.ofHours(2)));
    assertEquals(List.of(), s.plan(List.of(), List.of(old), T0), "first sight starts the clock");
    assertEquals(List.of(), s.plan(List.of(), List.of(old), T0.plus(Duration.ofMinutes(9))));
    assertEquals(
        List.of(new RunnerSweep.Action(RunnerSweep.Kind.RETIRE_UNREGISTERED, "linux", "i-0aaaaaaaaaaaaaaaa", null, null)),
        s.plan(List.of(), List.of(old), T0.plus(BOOT)));
  }

  @Test
  void aRunnerAppearingResetsTheObservation() {
    Sweeper s = new Sweeper();
    var i = instance("i-0aaaaaaaaaaaaaaaa", "InService", T0.minus(Duration.ofHours(2)));
    s.plan(List.of(), List.of(i), T0);
    s.plan(List.of(runner(5, "i-0aaaaaaaaaaaaaaaa", "online", false)), List.of(i), T0.plus(Duration.ofMinutes(5)));
    assertEquals(List.of(), s.plan(List.of(), List.of(i), T0.plus(BOOT)));
    assertEquals(1, s.sightings.size(), "only the new observation is remembered");
  }

  @Test
  void recentlyLaunchedInstancesAreGivenTheirBootTimeout() {
    Sweeper s = new Sweeper();
    var young = instance("i-0bbbbbbbbbbbbbbbb", "InService", T0);
    s.plan(List.of(), List.of(young), T0);
    assertEquals(List.of(), s.plan(List.of(), List.of(young), T0.plus(Duration.ofMinutes(9))));
    assertEquals(1, s.plan(List.of(), List.of(young), T0.plus(BOOT)).size());
  }

  @Test
  void warmPoolAndPendingInstancesAreNeverUnregistered() {
    Sweeper s = new Sweeper();
    List<RunnerSweep.Instance> instances = List.of(
        instance("i-0ccccccccccccccc1", "Warmed:Stopped", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc2", "Warmed:Running", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc3", "Pending:Wait", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc4", "Terminating", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc5", "Standby", T0.minus(Duration.ofDays(3))));
    s.plan(List.of(), instances, T0);
    assertEquals(List.of(), s.plan(List.of(), instances, T0.plus(Duration.ofHours(1))));
    assertEquals(0, s.sightings.size(), "nothing is even watched");
  }

  @Test
  void offlineIdleRunnerIsRetiredButBusyOrOnlineNever() {
    Sweeper s = new Sweeper();
    Instant launched = T0.minus(Duration.ofHours(1));
    List<RunnerSweep.Instance> instances = List.of(
        instance("i-0d00000000000001", "InService", launched),
        instance("i-0d00000000000002", "InService", launched),
        instance("i-0d00000000000003", "InService", launched));
    List<RunnerSweep.Runner> runners = List.of(
        runner(11, "i-0d00000000000001", "offline", false),
        runner(12, "i-0d00000000000002", "offline", true),
        runner(13, "i-0d00000000000003", "online", false));
    s.plan(runners, instances, T0);
    assertEquals(
        List.of(new RunnerSweep.Action(RunnerSweep.Kind.RETIRE_OFFLINE, "linux", "i-0d00000000000001", 11L, "i-0d00000000000001")),
        s.plan(runners, instances, T0.plus(BOOT)));
  }

  @Test
  void aRunnerGoingOfflineStartsItsOwnObservation() {
    Sweeper s = new Sweeper();
    var i = instance("i-0eeeeeeeeeeeeeeee", "InService", T0.minus(Duration.ofHours(2)));
    s.plan(List.of(), List.of(i), T0);
    var offline = List.of(runner(21, "i-0eeeeeeeeeeeeeeee", "offline", false));
    assertEquals(List.of(), s.plan(offline, List.of(i), T0.plus(BOOT)),
        "unregistered for the whole timeout, but offline only just now");
    assertEquals(1, s.plan(offline, List.of(i), T0.plus(BOOT).plus(BOOT)).size());
  }

  @Test
  void theGivenSightingsAreNotChanged() {
    FirstSeen<String> before = FirstSeen.none();
    var i = instance("i-0ffffffffffffffff", "InService", T0);
    RunnerSweep.plan(List.of(), List.of(new RunnerSweep.PoolInstances(POOL, List.of(i))), T0, before);
    assertEquals(0, before.size());
  }

  @Test
  void eachPoolGivesItsInstancesItsOwnBootTimeout() {
    Pool slow = new Pool("gpu", List.of("self-hosted", "gpu"), 4, 0, List.of(new Tier("gpu-warm", TierKind.WARM)),
        new ScalingConfig(null, 1800, null, null, null, null));
    var linux = instance("i-0e00000000000001", "InService", T0.minus(Duration.ofHours(2)));
    var gpu = instance("i-0e00000000000002", "InService", T0.minus(Duration.ofHours(2)));
    List<RunnerSweep.PoolInstances> pools = List.of(
        new RunnerSweep.PoolInstances(POOL, List.of(linux)), new RunnerSweep.PoolInstances(slow, List.of(gpu)));
    FirstSeen<String> seen = RunnerSweep.plan(List.of(), pools, T0, FirstSeen.none()).sightings();
    assertEquals(List.of(new RunnerSweep.Action(RunnerSweep.Kind.RETIRE_UNREGISTERED, "linux", linux.instanceId(), null, null)),
        RunnerSweep.plan(List.of(), pools, T0.plus(BOOT), seen).actions(), "the gpu pool allows 30 minutes");
    assertEquals(2, RunnerSweep.plan(List.of(), pools, T0.plus(Duration.ofMinutes(30)), seen).actions().size());
  }
}
