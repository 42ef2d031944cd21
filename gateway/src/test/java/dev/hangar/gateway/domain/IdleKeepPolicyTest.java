package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.domain.ScalePlan.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Idle runners are kept for the recent peak arrival rate, and on-demand tiers take one job. */
class IdleKeepPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-07T10:00:00Z");
  private static final Tier SPOT = new Tier("spot", TierKind.SPOT);
  private static final Tier WARM = new Tier("warm", TierKind.WARM);
  private static final Pool POOL =
      new Pool("linux", List.of("self-hosted"), 50, 0, List.of(SPOT), ScalingConfig.defaults());

  private static ScalingInput sixLongIdle(double recent, double peak) {
    List<InstanceView> views = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Instant since = NOW.minusSeconds(600);
      views.add(new InstanceView("i-" + i, RunnerState.IDLE, since, since));
    }
    TierObservation obs = new TierObservation(SPOT, 6, views);
    return new ScalingInput(POOL, NOW, 0, 0, recent, List.of(obs), List.of(), 0, peak);
  }

  private static long idleRetirements(ScalePlan plan) {
    return plan.retire().stream().filter(r -> r.reason() == Reason.IDLE).count();
  }

  @Test
  void aQuietSpellAfterABurstKeepsTheRunnersThePeakRateWouldBuffer() {
    // Default buffer: 2 minutes of arrivals; a peak of 2/min keeps 4 of the 6 idle runners.
    ScalePlan plan = new ScalingPolicy().plan(sixLongIdle(0, 2.0));
    assertEquals(2, idleRetirements(plan));
    assertEquals(4, plan.tiers().get(0).desiredCapacity());
  }

  @Test
  void withoutARecentPeakTheSurplusIsRetired() {
    assertEquals(6, idleRetirements(new ScalingPolicy().plan(sixLongIdle(0, 0))));
  }

  @Test
  void aPeakAboveWhatIsThereRetiresNothingAndLaunchesNothing() {
    ScalePlan plan = new ScalingPolicy().plan(sixLongIdle(0, 6.0));
    assertEquals(0, idleRetirements(plan));
    assertEquals(6, plan.tiers().get(0).desiredCapacity(), "the peak keeps, it does not launch");
  }

  @Test
  void onDemandTiersTakeOneJobAndSpotTiersThePoolsLimit() {
    Pool reuse =
        new Pool("linux", List.of("self-hosted"), 50, 0, List.of(WARM, SPOT),
            ScalingConfig.defaults().withReuseAndForecast(20, 0));
    assertEquals(1, reuse.maxJobsOn("warm"));
    assertEquals(20, reuse.maxJobsOn("spot"));
    assertEquals(1, POOL.maxJobsOn("spot"), "ephemeral by default");
  }
}
