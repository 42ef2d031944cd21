package dev.hangar.gateway.scaling;

import dev.hangar.gateway.observability.LogContext;
import dev.hangar.gateway.domain.Pool;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each pool is reconciled: {@link #poolChanged} (from the job consumer) schedules
 * a pass after a short debounce, so a burst of events makes one pass and one set of AWS calls
 * per pool; a periodic timer re-runs every pool so the fleet converges even without events
 * (another replica's events, a failed call, instances that came and went). At most one pass
 * per pool runs at a time; a change during a pass schedules one more. Runs on one Vert.x
 * context.
 */
public final class PoolReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(PoolReconciler.class);

  /** Default debounce after a change. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);

  /** Default period of the full re-run. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Map<String, PoolSlot> slots = new LinkedHashMap<>();
  private final PassTriggers triggers = new PassTriggers();
  private final PoolPass pass;
  private final Duration debounce;
  private final Duration period;
  private final Clock clock;
  private Context context;
  private long periodicTimer = -1;
  private boolean stopped;

  /** A reconciler of {@code pools} that runs {@code pass}. */
  public PoolReconciler(
      Vertx vertx, List<Pool> pools, PoolPass pass, Duration debounce, Duration period, Clock clock) {
    this.vertx = vertx;
    this.pass = pass;
    this.debounce = debounce;
    this.period = period;
    this.clock = clock;
    for (Pool p : pools) {
      slots.put(p.name(), new PoolSlot(p));
    }
  }

  /** Starts the periodic timer and reconciles every pool once. */
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          periodicTimer = vertx.setPeriodic(period.toMillis(), t -> slots.keySet().forEach(this::request));
          slots.keySet().forEach(this::request);
          started.complete();
        });
    return started.future();
  }

  /** Tells the reconciler that the pool's jobs changed; safe from any thread. */
  public void poolChanged(String pool) {
    Context ctx = context;
    if (ctx == null) {
      return;
    }
    ctx.runOnContext(v -> schedule(pool));
  }

  /** Stops the timers; completes once running passes have finished. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    if (context == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(
        v -> {
          stopped = true;
          vertx.cancelTimer(periodicTimer);
          List<Future<Void>> running = new ArrayList<>();
          for (PoolSlot s : slots.values()) {
            if (s.debounceTimer >= 0) {
              vertx.cancelTimer(s.debounceTimer);
              s.debounceTimer = -1;
              triggers.debounceEnded(s.pool.name());
            }
            if (s.running != null) {
              running.add(s.running.future());
            }
          }
          Future.join(running).onComplete(ar -> done.complete());
        });
    return done.future();
  }

  /** Debounces: the first change of a quiet pool starts the timer, later ones ride along. */
  private void schedule(String pool) {
    PoolSlot s = slots.get(pool);
    if (s == null || stopped || !triggers.changed(pool)) {
      return;
    }
    s.debounceTimer =
        vertx.setTimer(
            Math.max(1, debounce.toMillis()),
            t -> {
              s.debounceTimer = -1;
              triggers.debounceEnded(pool);
              request(pool);
            });
  }

  /** Runs a pass now, or once more right after the running one. */
  private void request(String pool) {
    PoolSlot s = slots.get(pool);
    if (s == null || stopped) {
      return;
    }
    if (!triggers.begin(pool)) {
      return;
    }
    s.running = Promise.promise();
    Future<?> result;
    try {
      result = pass.run(s.pool, clock.instant());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> onContext(() -> finished(s, pool, ar)));
  }

  private void finished(PoolSlot s, String pool, AsyncResult<?> ar) {
    if (ar.failed()) {
      try (LogContext ignored = LogContext.open().with(LogContext.POOL, pool)) {
        LOG.warn("reconcile pass failed, the next one retries: {}", ar.cause().toString());
      }
    }
    Promise<Void> finished = s.running;
    s.running = null;
    finished.complete();
    if (triggers.finished(pool)) {
      request(pool);
    }
  }

  /** Slot state is confined to the context; a pass may complete on another thread. */
  private void onContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  /** Per-pool scheduling state; touched only on the reconciler's context. */
  private static final class PoolSlot {
    final Pool pool;
    long debounceTimer = -1;
    Promise<Void> running;

    PoolSlot(Pool pool) {
      this.pool = pool;
    }
  }
}
