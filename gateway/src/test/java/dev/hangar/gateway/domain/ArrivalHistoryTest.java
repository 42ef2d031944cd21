package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forecast is the same weekday and hour of past weeks, and the policy floors it. */
class ArrivalHistoryTest {
  private static final Instant MON_09 = Instant.parse("2026-01-05T09:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  private static void arrivals(ArrivalHistory h, Instant hour, int n) {
    for (int i = 0; i < n; i++) {
      h.record(hour.plusSeconds(i * 3600L / Math.max(1, n)));
    }
  }

  @Test
  void noForecastWithoutAWeekOfHistory() {
    ArrivalHistory h = new ArrivalHistory();
    arrivals(h, MON_09, 120);
    assertEquals(0, h.forecastPerMinute(MON_09.plus(Duration.ofDays(6)), 4));
  }

  @Test
  void meanOfTheSameHourOverTheWeeksCovered() {
    ArrivalHistory h = new ArrivalHistory();
    arrivals(h, MON_09, 60);
    arrivals(h, MON_09.plus(WEEK), 180);
    arrivals(h, MON_09.plus(Duration.ofDays(1)), 600); // Tuesday: not the same weekday
    Instant now = MON_09.plus(WEEK.multipliedBy(2)).plusSeconds(600);
    assertEquals((60 + 180) / 2 / 60.0, h.forecastPerMinute(now, 4), 1e-9);
    assertEquals(180 / 60.0, h.forecastPerMinute(now, 1), 1e-9);
  }

  @Test
  void theNextHourLeadsARampUp() {
    ArrivalHistory h = new ArrivalHistory();
    arrivals(h, MON_09.minusSeconds(3600), 6);
    arrivals(h, MON_09, 300);
    Instant now = MON_09.plus(WEEK).minusSeconds(1800); // 08:30 a week later
    assertEquals(300 / 60.0, h.forecastPerMinute(now, 4), 1e-9);
  }

  @Test
  void forgettingOldWeeksBoundsTheHistory() {
    ArrivalHistory h = new ArrivalHistory();
    arrivals(h, MON_09, 60);
    arrivals(h, MON_09.plus(WEEK.multipliedBy(3)), 120);
    Instant now = MON_09.plus(WEEK.multipliedBy(4));
    h.forgetBefore(now, 1);
    assertEquals(120 / 60.0, h.forecastPerMinute(now, 4), 1e-9);
  }

  @Test
  void thePolicyUsesTheForecastWithTheRecentRateAsFloor() {
    Tier spot = new Tier("s", TierKind.SPOT, 1, null);
    Tier warm = new Tier("w", TierKind.WARM, 0, new WarmPoolConfig(2, WarmState.STOPPED));
    ScalingConfig off = new ScalingConfig(null, null, null, 2.0, null, null);
    ScalingConfig on = off.withReuseAndForecast(1, 4);
    List<TierObservation> obs =
        List.of(new TierObservation(warm, 0, List.of()), new TierObservation(spot, 0, List.of()));
    ScalingPolicy policy = new ScalingPolicy();
    // forecast 5/min, recent 1/min: buffer 10 with forecasting, 2 without
    Pool withF = new Pool("p", List.of("a"), 100, 0, List.of(warm, spot), on);
    Pool withoutF = new Pool("p", List.of("a"), 100, 0, List.of(warm, spot), off);
    ScalePlan f = policy.plan(new ScalingInput(withF, MON_09, 0, 0, 1.0, obs, List.of(), 5.0, 0));
    ScalePlan n = policy.plan(new ScalingInput(withoutF, MON_09, 0, 0, 1.0, obs, List.of(), 5.0, 0));
    assertEquals(10, f.target());
    assertEquals(2, n.target());
    assertEquals(5, f.tiers().get(0).warmPool().minSize()); // a minute of forecast arrivals
    assertEquals(2, n.tiers().get(0).warmPool().minSize());
    // recent 6/min beats the forecast: the recent rate is the floor
    ScalePlan busy = policy.plan(new ScalingInput(withF, MON_09, 0, 0, 6.0, obs, List.of(), 5.0, 0));
    assertEquals(12, busy.target());
  }
}
