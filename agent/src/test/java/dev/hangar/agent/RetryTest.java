package dev.hangar.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry policy against a clock that moves only when the policy waits. */
class RetryTest {
  private final List<Duration> waits = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-05T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final Retry retry = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(8), clock, d -> {
    waits.add(d);
    now = now.plus(d);
  }, new Random(7), new Log(line -> { }));

  @Test
  void delaysDoubleUpToTheMaximumWithHalfOfEachRandom() {
    long[] bases = {1000, 2000, 4000, 8000, 8000, 8000};
    for (int attempt = 0; attempt < bases.length; attempt++) {
      for (int i = 0; i < 50; i++) {
        long ms = retry.delay(attempt).toMillis();
        assertTrue(ms >= bases[attempt] / 2 && ms <= bases[attempt], attempt + ": " + ms);
      }
    }
  }

  @Test
  void retryableFailuresAreRetriedUntilDone() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Retry.Outcome<String> outcome = retry.until(now.plusSeconds(60), 0, "register", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new GatewayException(503, "down");
      }
      return "ok";
    });
    assertEquals(new Retry.Outcome.Done<>("ok"), outcome);
    assertEquals(2, waits.size());
  }

  @Test
  void refusalsAreNotRetried() throws Exception {
    Retry.Outcome<String> outcome = retry.until(now.plusSeconds(60), 0, "register", () -> {
      throw new GatewayException(409, "not_in_service", "instance not in service", Optional.empty());
    });
    assertEquals("not_in_service",
        assertInstanceOf(Retry.Outcome.Refused.class, outcome).refusal().code());
    assertEquals(List.of(), waits);
  }

  @Test
  void givesUpAtTheDeadline() throws Exception {
    Instant deadline = now.plusSeconds(5);
    AtomicInteger calls = new AtomicInteger();
    Retry.Outcome<String> outcome = retry.until(deadline, 0, "retire", () -> {
      calls.incrementAndGet();
      throw new GatewayException(0, "unreachable");
    });
    assertInstanceOf(Retry.Outcome.GaveUp.class, outcome);
    assertTrue(!now.isBefore(deadline), "waited until the deadline");
    assertEquals(waits.size() + 1, calls.get(), "one call more than waits");
  }

  @Test
  void throttledWaitsRetryAfterInsteadOfTheBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Retry.Outcome<String> outcome = retry.until(now.plusSeconds(60), 0, "heartbeat", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new GatewayException(429, "throttled", "slow down", Optional.of(Duration.ofSeconds(7)));
      }
      return "ok";
    });
    assertEquals(new Retry.Outcome.Done<>("ok"), outcome);
    assertEquals(List.of(Duration.ofSeconds(7)), waits);
  }

  @Test
  void aContinuedSeriesWaitsFirstAndDoesNotCallPastItsDeadline() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Retry.Outcome<String> outcome = retry.until(now.plusSeconds(60), 2, "register", () -> {
      calls.incrementAndGet();
      return "ok";
    });
    assertEquals(new Retry.Outcome.Done<>("ok"), outcome);
    assertEquals(1, waits.size());
    // The wait after the second failed attempt: delay(1), 1–2 s.
    assertTrue(waits.get(0).toMillis() >= 1000 && waits.get(0).toMillis() <= 2000, waits.toString());

    Retry.Outcome<String> late = retry.until(now.minusSeconds(1), 1, "register", () -> {
      calls.incrementAndGet();
      return "ok";
    });
    assertInstanceOf(Retry.Outcome.GaveUp.class, late);
    assertEquals(1, calls.get(), "no call past the deadline");
  }
}
