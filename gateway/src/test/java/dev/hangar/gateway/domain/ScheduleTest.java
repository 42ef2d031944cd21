package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Schedules switch minIdle and warm pool size exactly at their boundaries, in their zone. */
class ScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Schedule WORKDAY =
      new Schedule(List.of("mon-fri"), "08:00", "18:00", "Europe/Berlin", 5, 10);

  private static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
  }

  @Test
  void workingHoursInTheirZone() {
    // 2026-01-07 is a Wednesday.
    assertFalse(WORKDAY.activeAt(berlin("2026-01-07T07:59:59")));
    assertTrue(WORKDAY.activeAt(berlin("2026-01-07T08:00:00")));
    assertTrue(WORKDAY.activeAt(berlin("2026-01-07T17:59:59")));
    assertFalse(WORKDAY.activeAt(berlin("2026-01-07T18:00:00")));
    assertFalse(WORKDAY.activeAt(berlin("2026-01-10T10:00:00")), "Saturday");
  }

  @Test
  void overnightWindowBelongsToTheDayItStarts() {
    Schedule nightly = new Schedule(List.of("fri"), "22:00", "06:00", "UTC", 3, null);
    assertTrue(nightly.activeAt(Instant.parse("2026-01-09T23:00:00Z")), "Friday night");
    assertTrue(nightly.activeAt(Instant.parse("2026-01-10T05:59:00Z")), "Saturday early");
    assertFalse(nightly.activeAt(Instant.parse("2026-01-10T06:00:00Z")));
    assertFalse(nightly.activeAt(Instant.parse("2026-01-08T23:00:00Z")), "Thursday night");
  }

  @Test
  void badSchedulesAreRefusedWithTheField() {
    assertThrows(IllegalArgumentException.class, () -> new Schedule(List.of("funday"), "08:00", "18:00", null, 1, null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Schedule(null, "8am", "18:00", null, 1, null));
    assertTrue(e.getMessage().contains("from"));
  }

  /** The policy's minIdle flips at 08:00 and 18:00 on a weekday, for any minute of that day. */
  @Property(tries = 200)
  void policyMinIdleFollowsTheWindow(@ForAll @IntRange(min = 0, max = 1439) int minuteOfDay) {
    Pool pool =
        new Pool(
            "p", List.of("self-hosted"), 100, 1,
            List.of(new Tier("spot", TierKind.SPOT)),
            new ScalingConfig(null, null, null, 0.0, null, List.of(WORKDAY)));
    Instant now = berlin("2026-01-07T00:00:00").plusSeconds(minuteOfDay * 60L);
    ScalingInput in =
        new ScalingInput(
            pool, now, 0, 0, 0.0,
            List.of(new TierObservation(pool.tiers().get(0), 0, List.of())), List.of());
    ScalePlan plan = new ScalingPolicy().plan(in);
    boolean working = minuteOfDay >= 8 * 60 && minuteOfDay < 18 * 60;
    assertEquals(working ? 5 : 1, plan.minIdle());
    assertEquals(working ? 5 : 1, plan.tiers().get(0).desiredCapacity());
  }

  @Test
  void warmPoolSizeFollowsTheWindow() {
    Pool pool =
        new Pool(
            "p", List.of("self-hosted"), 100, 0,
            List.of(new Tier("warm", TierKind.WARM, null, new WarmPoolConfig(2, WarmState.HIBERNATED))),
            new ScalingConfig(null, null, null, 0.0, null, List.of(WORKDAY)));
    TierObservation empty = new TierObservation(pool.tiers().get(0), 0, List.of());
    ScalePlan day =
        new ScalingPolicy().plan(new ScalingInput(pool, berlin("2026-01-07T09:00:00"), 0, 0, 0, List.of(empty), List.of()));
    ScalePlan night =
        new ScalingPolicy().plan(new ScalingInput(pool, berlin("2026-01-07T20:00:00"), 0, 0, 0, List.of(empty), List.of()));
    assertEquals(new ScalePlan.WarmPoolPlan(10, 10, WarmState.HIBERNATED), day.tiers().get(0).warmPool());
    assertEquals(new ScalePlan.WarmPoolPlan(2, 2, WarmState.HIBERNATED), night.tiers().get(0).warmPool());
  }
}
