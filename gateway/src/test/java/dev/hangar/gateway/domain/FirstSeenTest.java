package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** First sightings of conditions, with time a parameter. */
class FirstSeenTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void aConditionKeepsItsFirstSightingWhileItHolds() {
    FirstSeen<String> s = FirstSeen.<String>none().observe(Set.of("a"), T0);
    s = s.observe(Set.of("a", "b"), T0.plusSeconds(60));
    assertEquals(T0, s.since("a"));
    assertEquals(T0.plusSeconds(60), s.since("b"));
  }

  @Test
  void aConditionThatStopsHoldingStartsOver() {
    FirstSeen<String> s = FirstSeen.<String>none().observe(Set.of("a"), T0);
    s = s.observe(Set.of(), T0.plusSeconds(60));
    assertNull(s.since("a"));
    assertEquals(0, s.size());
    assertEquals(T0.plusSeconds(120), s.observe(Set.of("a"), T0.plusSeconds(120)).since("a"));
  }

  @Test
  void observingLeavesTheOldValueAsItWas() {
    FirstSeen<String> before = FirstSeen.<String>none().observe(Set.of("a"), T0);
    before.observe(Set.of("b"), T0.plusSeconds(1));
    assertEquals(Map.of("a", T0), before.since());
  }

  @Test
  void theMapGivenIsCopied() {
    Map<String, Instant> m = new HashMap<>(Map.of("a", T0));
    FirstSeen<String> s = new FirstSeen<>(m);
    m.put("b", T0);
    assertEquals(1, s.size());
  }
}
