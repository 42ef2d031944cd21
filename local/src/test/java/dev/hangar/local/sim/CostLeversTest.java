package dev.hangar.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingConfig;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runner reuse and EC2's billing minimum in the simulator. */
class CostLeversTest {
  private static final List<String> LABELS = List.of("self-hosted", "linux", "x64");
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");

  private static Pool spotOnly(int maxJobsPerRunner) {
    return new Pool("linux", LABELS, 20, 0, List.of(new Tier("spot", TierKind.SPOT)),
        new ScalingConfig(null, null, null, 0.0, null, null).withReuseAndForecast(maxJobsPerRunner, 0));
  }

  /** Jobs one after the other, each queued soon after the previous one could have ended. */
  private static List<TraceJob> sequential(int n, double seconds) {
    List<TraceJob> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      t.add(new TraceJob(T0.plusSeconds((long) (i * (seconds + 20))), LABELS, seconds, "acme/api"));
    }
    return t;
  }

  private static Pool warmAndSpot(int maxJobsPerRunner) {
    return new Pool("linux", LABELS, 40, 0,
        List.of(new Tier("warm", TierKind.WARM, 0, new dev.hangar.gateway.domain.WarmPoolConfig(4, null)),
            new Tier("spot", TierKind.SPOT)),
        new ScalingConfig(null, null, null, 1.0, null, null).withReuseAndForecast(maxJobsPerRunner, 0));
  }

  /** Bursts of four jobs every two minutes: more than the buffer, so warm starts happen. */
  private static List<TraceJob> bursts(int count) {
    List<TraceJob> t = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      for (int j = 0; j < 4; j++) {
        t.add(new TraceJob(T0.plusSeconds(120L * b), LABELS, 240, "acme/api"));
      }
    }
    return t;
  }

  @Test
  void withReuseOnDemandWarmInstancesTakeOneJobAndReuseCostsLess() {
    SimParams p = SimParams.defaults().withInterruptionRate(0);
    List<TraceJob> trace = bursts(60);
    SimResult ephemeral = new Simulation(List.of(warmAndSpot(1)), p, trace, Strategy.HANGAR).run(f -> {});
    SimResult reused = new Simulation(List.of(warmAndSpot(20)), p, trace, Strategy.HANGAR).run(f -> {});
    assertEquals(trace.size(), reused.completed());
    GroupStats warm = reused.groups().get(0);
    assertTrue(warm.warmStarts() > 0, "the bursts needed warm starts");
    // One job per on-demand start: the warm tier's running time is about its jobs' time, not
    // twenty jobs' worth per instance.
    assertTrue(warm.runningHours() * 3600 < warm.launches() * (240 + 300),
        "warm running " + warm.runningHours() + " h for " + warm.launches() + " launches");
    assertTrue(reused.totalCost() < ephemeral.totalCost(),
        "reuse $" + reused.totalCost() + " vs ephemeral $" + ephemeral.totalCost());
    assertTrue(reused.groups().get(1).launches() < ephemeral.groups().get(1).launches());
  }

  @Test
  void aReusedRunnerTakesUpToMaxJobsBeforeItsInstanceRetires() {
    SimParams p = SimParams.defaults().withInterruptionRate(0);
    List<TraceJob> trace = sequential(6, 60);
    SimResult ephemeral = new Simulation(List.of(spotOnly(1)), p, trace, Strategy.HANGAR).run(f -> {});
    SimResult reused = new Simulation(List.of(spotOnly(3)), p, trace, Strategy.HANGAR).run(f -> {});
    assertEquals(6, ephemeral.completed());
    assertEquals(6, reused.completed());
    assertEquals(6, ephemeral.groups().get(0).launches());
    // At most 3 jobs per instance; fewer when the idle reused runner is retired in between.
    long launches = reused.groups().get(0).launches();
    assertTrue(launches >= 2 && launches < 6, "launches " + launches);
    // A reused runner's next job waits for one registration, not for a boot.
    assertTrue(reused.pickup(0.5) < p.coldBootSeconds(), "median pickup " + reused.pickup(0.5));
  }

  @Test
  void everyStartIsBilledAtLeastTheMinimum() {
    SimParams p = SimParams.defaults();
    SimAws aws = new SimAws(new VirtualClock(T0), p);
    SimGroup g = aws.createGroup("g", "linux", "g", false, 10);
    SimInstance i = new SimInstance("i-1", g);
    long t = T0.toEpochMilli();
    g.bill(i, SimInstance.CostClass.RUNNING, t);
    g.bill(i, SimInstance.CostClass.STOPPED, t + 20_000); // 20 s: billed as 60
    g.bill(i, SimInstance.CostClass.RUNNING, t + 100_000);
    g.bill(i, SimInstance.CostClass.NONE, t + 190_000); // 90 s: billed per second
    g.advance(t + 190_000);
    assertEquals(40, g.minimumTopUpSeconds, 1e-9);
    GroupStats s = GroupStats.of(g, p);
    double hourly = p.hourly(g.instanceType, false);
    double expected = (110 + 40) / 3600.0 * hourly + (190 / 3600.0) * p.ebsHourly();
    assertEquals(expected, s.cost(), 1e-9);
  }
}
