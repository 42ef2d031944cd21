package dev.hangar.gateway.github;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits without blocking: Vert.x timers in production, a virtual clock in tests. */
@FunctionalInterface
public interface Delays {

  /** Completes after {@code d}. */
  Future<Void> sleep(Duration d);

  /** Delays on Vert.x timers. */
  static Delays vertx(Vertx vertx) {
    return d -> {
      long ms = Math.max(1, d.toMillis());
      return vertx.timer(ms, TimeUnit.MILLISECONDS).mapEmpty();
    };
  }
}
