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
    burst(a, NOW.minusSeconds(20 * 60), 15);
    burst(a, NOW.minusSeconds(45 * 60), 100);
    burst(a, NOW.minusSeconds(60), 1);
    assertEquals(1 / 5.0, a.perMinute(NOW), 1e-9);
    assertEquals(15 / 5.0, a.peakPerMinute(NOW), 1e-9, "the burst 45 minutes ago is too old");
    assertEquals(0, a.peakPerMinute(NOW.plusSeconds(40 * 60)), 1e-9, "the burst has aged out");
  }

  @Test
  void withoutArrivalsBothRatesAreZero() {
    RecentArrivals a = new RecentArrivals();
    assertEquals(0, a.perMinute(NOW), 1e-9);
    assertEquals(0, a.peakPerMinute(NOW), 1e-9);
  }
}
