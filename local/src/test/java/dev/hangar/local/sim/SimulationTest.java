package dev.hangar.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingConfig;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.domain.WarmPoolConfig;
import dev.hangar.gateway.domain.WarmState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator running Hangar's real policy and reconcile pass. */
class SimulationTest {
  private static final List<String> LABELS = List.of("self-hosted", "linux", "x64");
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");

  private static Pool warmOnly(int warmPool) {
    return new Pool(
        "linux", LABELS, 20, 0,
        List.of(new Tier("warm", TierKind.WARM, null, new WarmPoolConfig(warmPool, WarmState.STOPPED))),
        new ScalingConfig(null, null, null, 0.0, null, null));
  }

  private static Pool warmAndSpot() {
    return new Pool(
        "linux", LABELS, 50, 0,
        List.of(
            new Tier("warm", TierKind.WARM, null, new WarmPoolConfig(2, WarmState.STOPPED)),
            new Tier("spot", TierKind.SPOT)),
        new ScalingConfig(null, null, null, 0.0, null, null));
  }

  @Test
  void aSingleJobOnAWarmPoolIsPickedUpInAboutTheStartFromStoppedTime() {
    SimParams p = SimParams.defaults();
    List<TraceJob> trace = List.of(new TraceJob(T0, LABELS, 60, "acme/api"));
    SimResult r = new Simulation(List.of(warmOnly(1)), p, trace, Strategy.HANGAR).run(f -> {});
    assertEquals(1, r.completed());
    double pickup = r.pickup(1.0);
    double expected =
        p.startFromStoppedSeconds() + p.hookSeconds() + p.registrationSeconds() + p.dispatchSeconds();
    // Plus at most one debounce before the pass that asks for the instance.
    assertTrue(
        pickup >= expected && pickup <= expected + p.reconcileDebounceSeconds() + 0.01,
        "pickup " + pickup + " s, start-from-stopped path " + expected + " s");
    assertEquals(1, r.groups().get(0).warmStarts());
  }

  @Test
  void withoutAWarmPoolTheSameJobWaitsForAColdBoot() {
    SimParams p = SimParams.defaults();
    List<TraceJob> trace = List.of(new TraceJob(T0, LABELS, 60, "acme/api"));
    SimResult r = new Simulation(List.of(warmOnly(0)), p, trace, Strategy.HANGAR).run(f -> {});
    assertTrue(r.pickup(1.0) >= p.coldBootSeconds() + p.registrationSeconds(), "pickup " + r.pickup(1.0));
  }

  @Test
  void aSpotInterruptionOfABusyRunnerLeadsToTheJobBeingReRun() {
    // A storm makes every spot instance get its notice within minutes; jobs run 30 minutes.
    SimParams p =
        SimParams.defaults()
            .withInterruptionRate(0)
            .withStorms(List.of(new SimParams.SpotStorm(0.0, 0.5, 20.0, false)));
    Pool spotOnly =
        new Pool("linux", LABELS, 10, 0, List.of(new Tier("spot", TierKind.SPOT)),
            new ScalingConfig(null, null, null, 0.0, null, null));
    List<TraceJob> trace = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trace.add(new TraceJob(T0.plusSeconds(i), LABELS, 1800, "acme/api"));
    }
    SimResult r = new Simulation(List.of(spotOnly), p, trace, Strategy.HANGAR).run(f -> {});
    assertTrue(r.reruns() >= 1, "no job was re-run");
    assertEquals(3, r.completed());
    assertEquals(0, r.neverRun());
    assertTrue(r.groups().get(0).interruptions() >= 1);
  }

  @Test
  void theColdPerJobBaselineLosesInterruptedJobsWhereHangarReRunsThem() {
    SimParams p =
        SimParams.defaults()
            .withInterruptionRate(0)
            .withStorms(List.of(new SimParams.SpotStorm(0.0, 0.5, 20.0, false)));
    Pool spotOnly =
        new Pool("linux", LABELS, 10, 0, List.of(new Tier("spot", TierKind.SPOT)), null);
    List<TraceJob> trace = List.of(new TraceJob(T0, LABELS, 1800, "acme/api"));
    SimResult cold = new Simulation(List.of(spotOnly), p, trace, Strategy.COLD_PER_JOB).run(f -> {});
    assertEquals(1, cold.failedByInterruption());
  }

  @Test
  void spotCapacityErrorsOpenTheBreakerAndDemandMovesToOnDemand() {
    SimParams p =
        SimParams.defaults()
            .withInterruptionRate(0)
            .withStorms(List.of(new SimParams.SpotStorm(0.0, 2.0, 0.0, true)));
    List<TraceJob> trace = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      trace.add(new TraceJob(T0.plusSeconds(i * 3L), LABELS, 300, "acme/api"));
    }
    SimResult r = new Simulation(List.of(warmAndSpot()), p, trace, Strategy.HANGAR).run(f -> {});
    assertEquals(0, r.neverRun());
    assertEquals(40, r.completed());
    assertTrue(r.breakerOpenMinutes() > 0, "breaker never opened: " + r.groups());
    GroupStats warm = r.groups().get(0);
    GroupStats spot = r.groups().get(1);
    assertTrue(spot.capacityErrors() > 0);
    assertEquals(0, spot.launches(), "spot launched during the outage");
    assertTrue(warm.launches() >= 40, "on-demand tier did not take the demand");
  }

  @Test
  void aFixedPoolNeverScales() {
    List<TraceJob> trace = List.of(new TraceJob(T0, LABELS, 60, "acme/api"));
    Simulation sim = new Simulation(List.of(warmAndSpot()), SimParams.defaults(), trace, Strategy.FIXED_POOL)
        .fixedSize("linux", 3);
    SimResult r = sim.run(f -> {});
    assertEquals(3, r.groups().get(0).launches());
    assertEquals(1, r.completed());
  }

  static Stream<Path> exampleTraces() throws IOException {
    Path dir = Path.of(System.getProperty("user.dir")).resolve("../examples/traces").normalize();
    return Files.list(dir).filter(f -> f.toString().endsWith(".jsonl")).sorted();
  }

  /** The first 400 jobs of every committed example trace all run, under every strategy. */
  @ParameterizedTest
  @MethodSource("exampleTraces")
  void noJobIsLostOnAnyExampleTrace(Path trace) throws IOException {
    List<TraceJob> jobs = TraceIo.read(trace);
    List<TraceJob> head = jobs.subList(0, Math.min(400, jobs.size()));
    Path config = trace.getParent().resolveSibling("config/simulate.yaml");
    List<Pool> pools = SimConfig.pools(config);
    for (Strategy s : Strategy.values()) {
      SimResult r = new Simulation(pools, SimParams.defaults(), head, s).run(f -> {});
      assertEquals(0, r.neverRun(), s + " left jobs unrun on " + trace.getFileName());
      assertEquals(head.size(), r.completed() + r.failedByInterruption(), s.label());
    }
  }

  /** Whatever the arrivals, every job is eventually served when the pool has room for it. */
  @Property(tries = 30)
  void demandIsEventuallyServed(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 3600) Integer> offsets,
      @ForAll @IntRange(min = 1, max = 900) int duration,
      @ForAll @IntRange(min = 1, max = 5) int maxRunners) {
    List<TraceJob> trace = new ArrayList<>();
    for (int o : offsets) {
      trace.add(new TraceJob(T0.plusSeconds(o), LABELS, duration, "acme/api"));
    }
    trace.sort(java.util.Comparator.comparing(TraceJob::queuedAt));
    Pool pool =
        new Pool("linux", LABELS, maxRunners, 0,
            List.of(new Tier("warm", TierKind.WARM, null, new WarmPoolConfig(1, WarmState.STOPPED)),
                new Tier("spot", TierKind.SPOT)),
            null);
    SimResult r = new Simulation(List.of(pool), SimParams.defaults(), trace, Strategy.HANGAR).run(f -> {});
    assertEquals(0, r.neverRun());
    assertEquals(trace.size(), r.completed());
  }
}
