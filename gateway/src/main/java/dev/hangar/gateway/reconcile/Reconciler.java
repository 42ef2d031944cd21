package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.config.ReconcileConfig;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.ledger.InterruptionListener;
import dev.hangar.gateway.observability.ReconcileMetrics;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.port.Ledger;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation on a timer: runners against instances (orphans, boot timeout, offline
 * runners), stale queued jobs against GitHub, failed webhook deliveries redelivered, and spot
 * re-runs. Each step is idempotent and failures of one step do not stop the others, so every
 * replica may run it. Cycles never overlap on one replica.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final Vertx vertx;
  private final Clock clock;
  private final ReconcileConfig settings;
  private final ReconcileMetrics metrics;
  private final RunnerReconciler runners;
  private final StaleJobReconciler staleJobs;
  private final DeliveryReconciler deliveries;
  private final SpotRetryReconciler spotRetries;
  private final Tracer tracer;
  private long timer = -1;
  private Future<Void> running;

  public Reconciler(
      Vertx vertx,
      List<Pool> pools,
      Fleet fleet,
      Ledger ledger,
      GitHub github,
      ReconcileMetrics metrics,
      ReconcileConfig settings,
      Clock clock) {
    this(vertx, pools, fleet, ledger, github, metrics, settings, clock,
        OpenTelemetry.noop().getTracer("dev.hangar.gateway"));
  }

  /** As above; each cycle is a span, parent of the GitHub and AWS calls its steps start. */
  public Reconciler(
      Vertx vertx,
      List<Pool> pools,
      Fleet fleet,
      Ledger ledger,
      GitHub github,
      ReconcileMetrics metrics,
      ReconcileConfig settings,
      Clock clock,
      Tracer tracer) {
    this.tracer = tracer;
    this.vertx = vertx;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics == null ? ReconcileMetrics.NOOP : metrics;
    this.runners =
        new RunnerReconciler(pools, fleet, github, this.metrics);
    this.staleJobs =
        new StaleJobReconciler(
            pools, ledger, github, this.metrics, settings.staleQueuedAfter(),
            settings.maxJobChecksPerCycle());
    this.deliveries =
        new DeliveryReconciler(
            github, ledger, this.metrics, settings.redeliveryWindow(),
            settings.maxRedeliveriesPerCycle(), settings.interval());
    this.spotRetries = new SpotRetryReconciler(pools, ledger, github, this.metrics, settings.maxRetries());
  }

  /**
   * Failed webhook deliveries are redelivered only once {@code ready} succeeds (the queue that
   * takes webhooks answers), so an outage does not use up their redelivery attempts.
   */
  public Reconciler redeliverWhen(java.util.function.Supplier<Future<Void>> ready) {
    deliveries.intakeReady(ready);
    return this;
  }

  /**
   * Listener for the agent API's ledger: it reports spot interruptions to this reconciler at
   * once, so the interrupted job is watched even if it completes before the next cycle.
   */
  public InterruptionListener interruptionListener() {
    return spotRetries::watch;
  }

  /** Starts the periodic cycle (the first one after one interval). */
  public synchronized void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(settings.interval().toMillis(), t -> runOnce());
    }
  }

  public synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Runs one cycle now, or joins the running one. */
  public synchronized Future<Void> runOnce() {
    if (running != null) {
      return running;
    }
    Instant now = clock.instant();
    Span span = tracer.spanBuilder("reconcile cycle").setNoParent().startSpan();
    Future<Void> cycle =
        step(span, "runners", () -> runners.run(now))
            .compose(ok -> step(span, "stale-jobs", () -> staleJobs.run(now)).map(ok2 -> ok && ok2))
            .compose(ok -> step(span, "deliveries", () -> deliveries.run(now)).map(ok2 -> ok && ok2))
            .compose(ok -> step(span, "spot-retries", spotRetries::run).map(ok2 -> ok && ok2))
            .map(ok -> {
              metrics.cycle(ok ? "ok" : "partial");
              if (!ok) {
                span.setStatus(StatusCode.ERROR, "a step failed");
              }
              span.end();
              return (Void) null;
            });
    running = cycle;
    cycle.onComplete(ar -> {
      synchronized (this) {
        running = null;
      }
    });
    return cycle;
  }

  /** Starts a step with the cycle's span current, so the calls it starts become children. */
  private static Future<Boolean> step(Span cycle, String name, Supplier<Future<Void>> start) {
    Future<Void> f;
    try (Scope ignored = cycle.makeCurrent()) {
      f = start.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.map(true)
        .recover(
            e -> {
              LOG.atWarn().addKeyValue("step", name).addKeyValue("error", e.toString())
                  .log("reconcile step failed; next cycle tries again");
              return Future.succeededFuture(false);
            });
  }
}
