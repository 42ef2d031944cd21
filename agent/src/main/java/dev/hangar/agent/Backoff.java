package dev.hangar.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter between an initial and a maximum delay. */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;

  public Backoff(Duration initial, Duration max) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.nextMillis = initialMillis;
  }

  /** The delay to wait now (half fixed, half random), doubling the next one up to the maximum. */
  public Duration next() {
    long base = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    long half = base / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  public void reset() {
    nextMillis = initialMillis;
  }

  /** Sleeps for {@link #next()}; returns the delay slept. */
  public Duration pause() throws InterruptedException {
    Duration d = next();
    Thread.sleep(d.toMillis());
    return d;
  }
}
