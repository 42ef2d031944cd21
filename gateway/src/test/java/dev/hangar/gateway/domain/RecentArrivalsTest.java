package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentArrivalsTest {
  private static final Instant NOW = Instant.parse("2026-01-07T10:00:30Z");

  private static void burst(RecentArrivals a, Instant at, int jobs) {
    for (int i = 0; i < jobs; i++) {
      a.record(at);
    }
  }

  @Test
  void theRecentRateCountsTheLastFiveMinutesOnly() {
    RecentArrivals a = new RecentArrivals();
    burst(a, NOW.minusSeconds(30), 4);
    burst(a, NOW.minusSeconds(4 * 60), 6);
    burst(a, NOW.minusSeconds(6 * 60), 50);
    assertEquals(10 / 5.0, a.perMinute(NOW), 1e-9);
  }

  @Test
  void thePeakIsTheBusiestFiveMinutesOfTheLastHalfHour() {
    RecentArrivals a = new RecentArrivals();
    for (int m = 0; m < 30; m++) {
      burst(a, NOW.minusSeconds(60L * m), 1); // a steady job a minute
    }
    burst(a, NOW.minusSeconds(20 * 60), 4); // 5 jobs in the minute 20 minutes ago
    burst(a, NOW.minusSeconds(45 * 60), 100);
    assertEquals(1.0, a.perMinute(NOW), 1e-9);
    assertEquals(9 / 5.0, a.peakPerMinute(NOW), 1e-9, "the burst 45 minutes ago is too old");
    assertEquals(0, a.peakPerMinute(NOW.plusSeconds(40 * 60)), 1e-9, "the burst has aged out");
  }

  @Test
  void aOneOffBurstCountsAtMostTwiceTheHalfHoursMean() {
    RecentArrivals a = new RecentArrivals();
    burst(a, NOW.minusSeconds(20 * 60), 300);
    assertEquals(0, a.perMinute(NOW), 1e-9);
    assertEquals(2 * 300 / 30.0, a.peakPerMinute(NOW), 1e-9, "not 300 / 5");
  }

  @Test
  void withoutArrivalsBothRatesAreZero() {
    RecentArrivals a = new RecentArrivals();
    assertEquals(0, a.perMinute(NOW), 1e-9);
    assertEquals(0, a.peakPerMinute(NOW), 1e-9);
  }
}
