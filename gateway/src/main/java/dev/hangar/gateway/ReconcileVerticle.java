package dev.hangar.gateway;

import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.reconcile.Reconciler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;

/** Reconciliation with GitHub (runners, stale jobs, redeliveries, spot re-runs) on its own event loop. */
public final class ReconcileVerticle extends VerticleBase {
  private final Reconciler reconciler;

  public ReconcileVerticle(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  /** The reconciler the gateway runs over these adapters (which must have a GitHub App). */
  public static Reconciler reconciler(Vertx vertx, HangarConfig config, Adapters adapters) {
    return new Reconciler(vertx, config.pools(), adapters.fleet(), adapters.ledger(), adapters.github(),
        adapters.recorders().reconcile(), config.reconcile(), Clock.systemUTC(), adapters.tracing().tracer())
        .redeliverWhen(adapters.queue()::ping);
  }

  @Override
  public Future<?> start() {
    reconciler.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    reconciler.stop();
    return Future.succeededFuture();
  }
}
