package dev.hangar.agent;

import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The agent's one retry policy: jittered exponential backoff between {@code retry.initialBackoff}
 * and {@code retry.maxBackoff}, retrying what may pass (unreachable, 408, 429, 5xx) until a
 * deadline. A {@code throttled} answer waits its {@code Retry-After} instead of the backoff.
 */
public final class Retry {
  /** A gateway call. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws GatewayException, InterruptedException;
  }

  /** How the policy waits; tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** How a call ended. */
  public sealed interface Outcome<T> {
    /** The call succeeded. */
    record Done<T>(T value) implements Outcome<T> {}

    /** The gateway refused in a way retrying cannot change. */
    record Refused<T>(GatewayException refusal) implements Outcome<T> {}

    /** Still failing at the deadline ({@code last} is null when no attempt was made). */
    record GaveUp<T>(GatewayException last) implements Outcome<T> {}
  }

  private final long initialMillis;
  private final long maxMillis;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Log log;

  public Retry(Duration initial, Duration max, Clock clock, Sleeper sleeper, RandomGenerator random, Log log) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.log = log;
  }

  /** The wait after failed attempt {@code attempt} (0-based): half fixed, half random, doubling up to the maximum. */
  public Duration delay(int attempt) {
    long base = initialMillis;
    for (int i = 0; i < attempt && base < maxMillis; i++) {
      base *= 2;
    }
    base = Math.min(base, maxMillis);
    long half = base / 2;
    return Duration.ofMillis(half + random.nextLong(half + 1));
  }

  /** Waits {@link #delay(int)} (for callers with their own loop, such as required IMDS reads). */
  public void pause(int attempt) throws InterruptedException {
    sleeper.sleep(delay(attempt));
  }

  /**
   * Calls until done, refused or past {@code deadline}. {@code firstAttempt} above 0 continues a
   * series begun earlier (the agent asked again after a refusal): it waits before calling, and
   * gives up without calling once the deadline has passed.
   */
  public <T> Outcome<T> until(Instant deadline, int firstAttempt, String what, Call<T> call)
      throws InterruptedException {
    GatewayException last = null;
    for (int attempt = firstAttempt; ; attempt++) {
      if (attempt > 0) {
        if (!clock.instant().isBefore(deadline)) {
          log.error(what + " did not succeed within the deadline", "deadline", deadline.toString());
          return new Outcome.GaveUp<>(last);
        }
        sleeper.sleep(last != null && last.retryAfter().isPresent() ? last.retryAfter().get() : delay(attempt - 1));
      }
      try {
        return new Outcome.Done<>(call.call());
      } catch (GatewayException e) {
        if (!e.retryable()) {
          return new Outcome.Refused<>(e);
        }
        last = e;
        log.warn(what + " failed; retrying", "error", e.getMessage());
      }
    }
  }

  /** Calls until done or {@code within} has passed; a refusal is logged. For what the agent can live without. */
  public void bestEffort(Duration within, String what, Call<?> call) throws InterruptedException {
    if (until(clock.instant().plus(within), 0, what, call) instanceof Outcome.Refused<?> r) {
      log.warn(what + " refused", "status", r.refusal().status(), "code", r.refusal().code(),
          "reason", r.refusal().reason());
    }
  }
}
