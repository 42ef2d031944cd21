package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DemandPolicyTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  final DemandPolicy policy = new DemandPolicy();

  static Pool pool(int max, int minIdle) {
    return new Pool(
        "linux", List.of("self-hosted", "linux"), max, minIdle,
        List.of(new Tier("linux-warm", TierKind.WARM), new Tier("linux-spot", TierKind.SPOT)));
  }

  static ScalingInput input(Pool pool, int queued, int running) {
    return new ScalingInput(pool, NOW, queued, running, 0.0, List.of(), List.of());
  }

  @Test
  void oneInstancePerQueuedOrRunningJobPlusMinIdleInTheFirstTier() {
    ScalePlan plan = policy.plan(input(pool(10, 1), 3, 2));
    assertEquals("linux", plan.pool());
    assertEquals(6, plan.target());
    assertEquals(1, plan.tiers().size());
    assertEquals("linux-warm", plan.tiers().get(0).asg());
    assertEquals(6, plan.tiers().get(0).desiredCapacity());
    assertNull(plan.tiers().get(0).warmPool());
    assertEquals(List.of(), plan.retire());
  }

  @Test
  void neverAboveMaxRunners() {
    assertEquals(4, policy.plan(input(pool(4, 2), 30, 5)).tiers().get(0).desiredCapacity());
  }

  @Test
  void noDemandKeepsOnlyMinIdle() {
    assertEquals(0, policy.plan(input(pool(4, 0), 0, 0)).tiers().get(0).desiredCapacity());
    assertEquals(2, policy.plan(input(pool(4, 2), 0, 0)).tiers().get(0).desiredCapacity());
  }

  @Test
  void aPoolWithoutTiersPlansNothing() {
    Pool none = new Pool("x", List.of("a"), 3, 0, List.of());
    assertTrue(policy.plan(input(none, 2, 0)).tiers().isEmpty());
  }

  @Property(tries = 500)
  void desiredIsWithinZeroAndMaxAndGrowsWithDemand(
      @ForAll @IntRange(min = 0, max = 500) int queued,
      @ForAll @IntRange(min = 0, max = 500) int running,
      @ForAll @IntRange(min = 0, max = 20) int minIdle,
      @ForAll @IntRange(min = 0, max = 300) int max) {
    int d = policy.plan(input(pool(max, minIdle), queued, running)).tiers().get(0).desiredCapacity();
    assertTrue(d >= 0 && d <= max);
    int more = policy.plan(input(pool(max, minIdle), queued + 1, running)).tiers().get(0).desiredCapacity();
    assertTrue(more >= d);
    assertEquals(Math.min(max, queued + running + minIdle), d);
  }
}
