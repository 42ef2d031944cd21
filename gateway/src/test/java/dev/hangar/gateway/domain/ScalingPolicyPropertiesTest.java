package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.ScalePlan.Retirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the scaling policy over arbitrary pools, demand and fleets. */
class ScalingPolicyPropertiesTest {
  private static final Instant NOW = Instant.parse("2026-01-07T10:00:00Z");
  private final ScalingPolicy policy = new ScalingPolicy();

  @Property(tries = 400)
  void neverPlansAboveMaxRunners(@ForAll("inputs") ScalingInput in) {
    int before = 0;
    for (TierObservation o : in.tiers()) {
      before += Math.max(o.desiredCapacity(), o.live());
    }
    ScalePlan plan = policy.plan(in);
    int after = plan.tiers().stream().mapToInt(ScalePlan.TierPlan::desiredCapacity).sum();
    int max = in.pool().maxRunners();
    // A pool already above its maximum (config lowered) may stay there but never grows.
    assertTrue(after <= Math.max(max, before), "planned " + after + " > max " + max);
    if (before <= max) {
      assertTrue(after <= max, "planned " + after + " > max " + max);
    }
  }

  @Property(tries = 400)
  void neverRetiresABusyRunner(@ForAll("inputs") ScalingInput in) {
    Map<String, RunnerState> states = new HashMap<>();
    for (TierObservation o : in.tiers()) {
      for (InstanceView v : o.instances()) {
        states.put(v.instanceId(), v.state());
      }
    }
    for (Retirement r : policy.plan(in).retire()) {
      RunnerState s = states.get(r.instanceId());
      assertTrue(s == RunnerState.IDLE || s == RunnerState.BOOTING, r + " was " + s);
      if (r.reason() == ScalePlan.Reason.IDLE) {
        assertEquals(RunnerState.IDLE, s);
        assertEquals(0, in.queuedJobs(), "retired an idle runner while jobs were queued");
      }
    }
  }

  @Property(tries = 300)
  void queuedDemandGetsCapacityWhenThereIsRoom(@ForAll("inputs") ScalingInput in) {
    ScalePlan plan = policy.plan(in);
    int idleOrComing = 0;
    int planned = plan.tiers().stream().mapToInt(ScalePlan.TierPlan::desiredCapacity).sum();
    int busy = 0;
    for (TierObservation o : in.tiers()) {
      busy += o.count(RunnerState.BUSY);
    }
    idleOrComing = planned - busy;
    int roomLeft = in.pool().maxRunners() - busy;
    boolean rateLimited = in.pool().scaling().maxLaunchesPerMinute() < 1_000;
    if (!rateLimited && roomLeft >= in.queuedJobs()) {
      assertTrue(
          idleOrComing >= in.queuedJobs(),
          "queued " + in.queuedJobs() + " but only " + idleOrComing + " idle or coming");
    }
  }

  @Property(tries = 300)
  void openBreakerSendsNoNewDemandToSpot(@ForAll("inputs") ScalingInput in) {
    List<Instant> storm = List.of(NOW.minusSeconds(120), NOW.minusSeconds(60), NOW.minusSeconds(10));
    ScalingInput stormy =
        new ScalingInput(
            in.pool(), in.now(), in.queuedJobs(), in.runningJobs(), in.arrivalsPerMinute(),
            in.tiers(), storm);
    ScalePlan plan = policy.plan(stormy);
    assertTrue(plan.spotBreakerOpen());
    boolean hasWarm = in.pool().tiers().stream().anyMatch(t -> t.kind() == TierKind.WARM);
    for (int t = 0; t < in.tiers().size(); t++) {
      TierObservation o = in.tiers().get(t);
      if (hasWarm && o.tier().kind() == TierKind.SPOT) {
        assertTrue(
            plan.tiers().get(t).desiredCapacity() <= o.live(),
            "spot tier grew while the breaker was open");
      }
    }
  }

  @Property(tries = 200)
  void sameInputSamePlan(@ForAll("inputs") ScalingInput in) {
    assertEquals(policy.plan(in), policy.plan(in));
  }

  @Property(tries = 200)
  void splitByWeightGivesEverythingOutInProportion(
      @ForAll @IntRange(min = 0, max = 500) int total,
      @ForAll @IntRange(min = 0, max = 5) int w1,
      @ForAll @IntRange(min = 1, max = 5) int w2) {
    int[] out = ScalingPolicy.splitByWeight(total, new int[] {w1, w2});
    assertEquals(total, out[0] + out[1]);
    double exact = total * (double) w1 / (w1 + w2);
    assertTrue(Math.abs(out[0] - exact) < 1.0 + 1e-9);
    if (w1 == 0) {
      assertEquals(0, out[0]);
    }
  }

  @Provide
  Arbitrary<ScalingInput> inputs() {
    Arbitrary<Integer> max = Arbitraries.integers().between(0, 60);
    Arbitrary<Integer> minIdle = Arbitraries.integers().between(0, 6);
    Arbitrary<Integer> queued = Arbitraries.integers().between(0, 80);
    Arbitrary<Integer> rate = Arbitraries.of(5, 30, 10_000);
    Arbitrary<Boolean> twoTiers = Arbitraries.of(true, false);
    Arbitrary<List<Integer>> warmStates = Arbitraries.integers().between(0, 5).list().ofMaxSize(40);
    Arbitrary<List<Integer>> spotStates = Arbitraries.integers().between(2, 5).list().ofMaxSize(40);
    Arbitrary<Integer> desiredExtra = Arbitraries.integers().between(0, 5);
    Arbitrary<Double> arrivals = Arbitraries.of(0.0, 0.5, 3.0, 20.0);
    return Combinators.combine(
            max, minIdle, queued, rate, twoTiers, warmStates, spotStates, desiredExtra)
        .flatAs(
            (m, mi, q, r, two, ws, ss, extra) ->
                arrivals.map(a -> input(m, mi, q, r, two, ws, ss, extra, a)));
  }

  private static ScalingInput input(
      int max, int minIdle, int queued, int rate, boolean twoTiers, List<Integer> warmStates,
      List<Integer> spotStates, int extra, double arrivals) {
    ScalingConfig cfg = new ScalingConfig(60, 300, rate, 1.0, null, null);
    Tier warm = new Tier("warm", TierKind.WARM, 1, new WarmPoolConfig(3, WarmState.STOPPED));
    Tier spot = new Tier("spot", TierKind.SPOT, 2, null);
    List<Tier> tiers = twoTiers ? List.of(warm, spot) : List.of(spot);
    Pool pool = new Pool("p", List.of("self-hosted"), max, minIdle, tiers, cfg);
    List<TierObservation> obs = new ArrayList<>();
    int id = 0;
    for (Tier t : tiers) {
      List<Integer> codes = t.kind() == TierKind.WARM ? warmStates : spotStates;
      List<InstanceView> views = new ArrayList<>();
      int live = 0;
      for (int c : codes) {
        RunnerState s = RunnerState.values()[c];
        Instant since = NOW.minusSeconds(30L * (id % 17));
        views.add(new InstanceView("i-" + id++, s, since, since));
        if (TierObservation.isLive(s)) {
          live++;
        }
      }
      obs.add(new TierObservation(t, live + extra, views));
    }
    int busy = 0;
    for (TierObservation o : obs) {
      busy += o.count(RunnerState.BUSY);
    }
    return new ScalingInput(pool, NOW, queued, busy, arrivals, obs, List.of());
  }

  @Property(tries = 1)
  void breakerNeedsThresholdEvents() {
    assertFalse(
        SpotBreaker.isOpen(
            List.of(NOW.minusSeconds(60), NOW.minusSeconds(30)), NOW, SpotBreakerConfig.defaults()));
  }
}
