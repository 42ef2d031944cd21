package dev.hangar.gateway.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingConfig;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
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

  static Fleet.InstanceInfo instance(String id, String state, Instant launched) {
    return new Fleet.InstanceInfo(id, "linux-warm", state, true, "m7i.large", launched);
  }

  static GitHub.Runner runner(long id, String name, String status, boolean busy) {
    return new GitHub.Runner(id, name, status, busy, List.of("self-hosted", "Linux"));
  }

  static List<RunnerSweep.Action> plan(List<GitHub.Runner> runners, List<Fleet.InstanceInfo> instances,
      Instant now, Sightings s) {
    return RunnerSweep.plan(runners, List.of(new RunnerSweep.PoolInstances(POOL, instances)), now, s);
  }

  @Test
  void onlyHangarsIdleRunnersWithoutInstanceAreOrphans() {
    List<GitHub.Runner> runners = List.of(
        runner(1, "i-0123456789abcdef0", "offline", false),
        runner(2, "i-0123456789abcdef1", "online", true),
        runner(3, "build-box", "offline", false),
        new GitHub.Runner(4, "i-0123456789abcdef2", "offline", false, List.of("self-hosted", "gpu")));
    List<RunnerSweep.Action> actions = plan(runners, List.of(), T0, new Sightings());
    assertEquals(List.of(new RunnerSweep.Action(RunnerSweep.Kind.DELETE_ORPHAN, "linux",
        "i-0123456789abcdef0", 1L, "i-0123456789abcdef0")), actions);
  }

  @Test
  void unregisteredInstanceIsRetiredOnlyAfterTheBootTimeoutWasObserved() {
    Sightings s = new Sightings();
    var old = instance("i-0aaaaaaaaaaaaaaaa", "InService", T0.minus(Duration.ofHours(2)));
    assertEquals(List.of(), plan(List.of(), List.of(old), T0, s), "first sight starts the clock");
    assertEquals(List.of(), plan(List.of(), List.of(old), T0.plus(Duration.ofMinutes(9)), s));
    assertEquals(
        List.of(new RunnerSweep.Action(RunnerSweep.Kind.RETIRE_UNREGISTERED, "linux", "i-0aaaaaaaaaaaaaaaa", null, null)),
        plan(List.of(), List.of(old), T0.plus(BOOT), s));
  }

  @Test
  void aRunnerAppearingResetsTheObservation() {
    Sightings s = new Sightings();
    var i = instance("i-0aaaaaaaaaaaaaaaa", "InService", T0.minus(Duration.ofHours(2)));
    plan(List.of(), List.of(i), T0, s);
    plan(List.of(runner(5, "i-0aaaaaaaaaaaaaaaa", "online", false)), List.of(i), T0.plus(Duration.ofMinutes(5)), s);
    assertEquals(List.of(), plan(List.of(), List.of(i), T0.plus(BOOT), s));
    assertEquals(1, s.size(), "only the new observation is remembered");
  }

  @Test
  void recentlyLaunchedInstancesAreGivenTheirBootTimeout() {
    Sightings s = new Sightings();
    var young = instance("i-0bbbbbbbbbbbbbbbb", "InService", T0);
    plan(List.of(), List.of(young), T0, s);
    assertEquals(List.of(), plan(List.of(), List.of(young), T0.plus(Duration.ofMinutes(9)), s));
    assertEquals(1, plan(List.of(), List.of(young), T0.plus(BOOT), s).size());
  }

  @Test
  void warmPoolAndPendingInstancesAreNeverUnregistered() {
    Sightings s = new Sightings();
    List<Fleet.InstanceInfo> instances = List.of(
        instance("i-0ccccccccccccccc1", "Warmed:Stopped", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc2", "Warmed:Running", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc3", "Pending:Wait", T0.minus(Duration.ofDays(3))),
        instance("i-0ccccccccccccccc4", "Terminating", T0.minus(Duration.ofDays(3))));
    plan(List.of(), instances, T0, s);
    assertEquals(List.of(), plan(List.of(), instances, T0.plus(Duration.ofHours(1)), s));
  }

  @Test
  void offlineIdleRunnerIsRetiredButBusyOrOnlineNever() {
    Sightings s = new Sightings();
    Instant launched = T0.minus(Duration.ofHours(1));
    List<Fleet.InstanceInfo> instances = List.of(
        instance("i-0d00000000000001", "InService", launched),
        instance("i-0d00000000000002", "InService", launched),
        instance("i-0d00000000000003", "InService", launched));
    List<GitHub.Runner> runners = List.of(
        runner(11, "i-0d00000000000001", "offline", false),
        runner(12, "i-0d00000000000002", "offline", true),
        runner(13, "i-0d00000000000003", "online", false));
    plan(runners, instances, T0, s);
    assertEquals(
        List.of(new RunnerSweep.Action(RunnerSweep.Kind.RETIRE_OFFLINE, "linux", "i-0d00000000000001", 11L, "i-0d00000000000001")),
        plan(runners, instances, T0.plus(BOOT), s));
  }

  @Test
  void eachPoolGivesItsInstancesItsOwnBootTimeout() {
    Pool slow = new Pool("gpu", List.of("self-hosted", "gpu"), 4, 0, List.of(new Tier("gpu-warm", TierKind.WARM)),
        new ScalingConfig(null, 1800, null, null, null, null));
    var linux = instance("i-0e00000000000001", "InService", T0.minus(Duration.ofHours(2)));
    var gpu = new Fleet.InstanceInfo("i-0e00000000000002", "gpu-warm", "InService", true, "g5.xlarge",
        T0.minus(Duration.ofHours(2)));
    List<RunnerSweep.PoolInstances> pools = List.of(
        new RunnerSweep.PoolInstances(POOL, List.of(linux)), new RunnerSweep.PoolInstances(slow, List.of(gpu)));
    Sightings s = new Sightings();
    RunnerSweep.plan(List.of(), pools, T0, s);
    assertEquals(List.of(new RunnerSweep.Action(RunnerSweep.Kind.RETIRE_UNREGISTERED, "linux", linux.instanceId(), null, null)),
        RunnerSweep.plan(List.of(), pools, T0.plus(BOOT), s), "the gpu pool allows 30 minutes");
    assertEquals(2, RunnerSweep.plan(List.of(), pools, T0.plus(Duration.ofMinutes(30)), s).size());
  }
}
