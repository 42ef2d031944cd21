package dev.hangar.gateway.testing;

import dev.hangar.gateway.github.Delays;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, with {@link Delays} that complete at once and advance the clock
 * by the requested delay, so backoff and rate-limit waits run without waiting.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  public void set(Instant t) {
    now.set(t);
  }

  /** Delays that advance this clock instead of waiting; each one is recorded. */
  public Delays delays() {
    return d -> {
      sleeps.add(d);
      advance(d);
      return Future.succeededFuture();
    };
  }

  /** Every delay requested so far. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
