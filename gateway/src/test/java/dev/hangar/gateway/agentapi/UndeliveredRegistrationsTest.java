package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Kept registration answers: only for the same launch and sequence, once, and only while fresh. */
class UndeliveredRegistrationsTest {
  final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
  final JsonObject answer = new JsonObject().put("jitConfig", "secret");

  @Test
  void handedOutOnceToTheSameLaunch() {
    var kept = new UndeliveredRegistrations();
    kept.keep("i-0000000000000000a", "2026-11-27T09:58:00Z", 1, answer, t0);
    assertFalse(kept.take("i-0000000000000000a", "2026-11-27T09:00:00Z", 1, t0).isPresent(), "another launch");
    assertEquals("secret", kept.take("i-0000000000000000a", "2026-11-27T09:58:00Z", 1, t0).orElseThrow()
        .getString("jitConfig"));
    assertFalse(kept.take("i-0000000000000000a", "2026-11-27T09:58:00Z", 1, t0).isPresent(), "only once");
  }

  @Test
  void handedOutOnlyToTheSameSequence() {
    var kept = new UndeliveredRegistrations();
    kept.keep("i-0000000000000000a", "launch", 2, answer, t0);
    assertFalse(kept.take("i-0000000000000000a", "launch", 3, t0).isPresent(), "the next job's registration");
    assertFalse(kept.take("i-0000000000000000a", "launch", 1, t0).isPresent(), "an earlier one");
    assertTrue(kept.take("i-0000000000000000a", "launch", 2, t0).isPresent());
  }

  @Test
  void forgottenAfterFiveMinutes() {
    var kept = new UndeliveredRegistrations();
    kept.keep("i-0000000000000000a", "launch", 1, answer, t0);
    assertFalse(kept.take("i-0000000000000000a", "launch", 1, t0.plus(UndeliveredRegistrations.KEEP)
        .plus(Duration.ofSeconds(1))).isPresent());
    kept.keep("i-0000000000000000b", "launch", 1, answer, t0);
    assertTrue(kept.take("i-0000000000000000b", "launch", 1, t0.plus(Duration.ofMinutes(4))).isPresent());
  }
}
