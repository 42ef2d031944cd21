package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The spot circuit breaker opens on N events within M minutes and closes K minutes later. */
class SpotBreakerTest {
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");
  private static final SpotBreakerConfig CFG = new SpotBreakerConfig(3, 10, 30);

  @Test
  void opensAtTheThirdEventWithinTheWindowAndClosesThirtyMinutesLater() {
    List<Instant> events = List.of(T0, T0.plusSeconds(240), T0.plusSeconds(540));
    assertFalse(SpotBreaker.isOpen(events, T0.plusSeconds(539), CFG), "only two events so far");
    assertTrue(SpotBreaker.isOpen(events, T0.plusSeconds(540), CFG));
    assertEquals(T0.plusSeconds(540 + 1800), SpotBreaker.openUntil(events, T0.plusSeconds(600), CFG));
    assertTrue(SpotBreaker.isOpen(events, T0.plusSeconds(540 + 1799), CFG));
    assertFalse(SpotBreaker.isOpen(events, T0.plusSeconds(540 + 1800), CFG));
  }

  @Test
  void eventsSpreadWiderThanTheWindowDoNotOpenIt() {
    List<Instant> events = List.of(T0, T0.plusSeconds(300), T0.plusSeconds(600));
    assertFalse(SpotBreaker.isOpen(events, T0.plusSeconds(600), CFG), "first event left the window");
  }

  @Test
  void onlyAnotherFullWindowExtendsIt() {
    List<Instant> lone =
        List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(1500));
    assertFalse(SpotBreaker.isOpen(lone, T0.plusSeconds(120 + 1800 + 60), CFG), "one late event");
    List<Instant> again =
        List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(1500),
            T0.plusSeconds(1520), T0.plusSeconds(1540));
    assertTrue(SpotBreaker.isOpen(again, T0.plusSeconds(120 + 1800 + 60), CFG), "three late events");
  }

  /** The breaker agrees with the definition, checked by brute force, at every minute. */
  @Property(tries = 300)
  void matchesTheDefinition(
      @ForAll("events") List<Integer> offsetsSeconds,
      @ForAll @IntRange(min = 1, max = 4) int threshold,
      @ForAll @IntRange(min = 1, max = 15) int window,
      @ForAll @IntRange(min = 0, max = 40) int open) {
    SpotBreakerConfig cfg = new SpotBreakerConfig(threshold, window, open);
    List<Instant> events = new ArrayList<>();
    for (int o : offsetsSeconds) {
      events.add(T0.plusSeconds(o));
    }
    for (int minute = 0; minute <= 120; minute++) {
      Instant now = T0.plusSeconds(minute * 60L);
      assertEquals(bruteForce(events, now, cfg), SpotBreaker.isOpen(events, now, cfg), "at " + now);
    }
  }

  private static boolean bruteForce(List<Instant> events, Instant now, SpotBreakerConfig cfg) {
    for (Instant e : events) {
      if (e.isAfter(now)) {
        continue;
      }
      long inWindow =
          events.stream()
              .filter(x -> !x.isAfter(e) && e.toEpochMilli() - x.toEpochMilli() < cfg.windowMinutes() * 60_000L)
              .count();
      if (inWindow >= cfg.threshold() && now.isBefore(e.plusSeconds(cfg.openMinutes() * 60L))) {
        return true;
      }
    }
    return false;
  }

  @Provide
  Arbitrary<List<Integer>> events() {
    return Arbitraries.integers().between(0, 7200).list().ofMaxSize(12);
  }
}
