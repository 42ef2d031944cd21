package dev.hangar.gateway;

import dev.hangar.gateway.agentapi.AgentApi;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.ledger.InterruptionNotifyingLedger;
import dev.hangar.gateway.reconcile.Reconciler;
import dev.hangar.gateway.scaling.ScalingPasses;
import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires the {@link Adapters} into the gateway's verticles (scaling,
 * reconciliation, HTTP) and stops them in the reverse order, HTTP first, before closing the
 * adapters.
 */
public final class GatewayApp {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  private final Vertx vertx;
  private final Adapters adapters;
  private final HttpVerticle http;
  /** Verticles in start order; they stop in reverse, so HTTP stops accepting first. */
  private final List<Deployable> verticles = new ArrayList<>();
  /** Deployment ids, parallel to {@link #verticles} as far as they deployed. */
  private final List<String> deployed = new ArrayList<>();
  private Future<Void> stopped;

  private GatewayApp(Vertx vertx, HangarConfig config, Adapters adapters) {
    this.vertx = vertx;
    this.adapters = adapters;
    ScalingPasses.Choice scaling = ScalingPasses.choose(adapters.ledger(), adapters.fleet(), adapters.runners(),
        adapters.spotInterruptions(), adapters.recorders().pools(), adapters.recorders().scaling());
    if (config.poolLoop().enabled()) {
      verticles.add(new ScalingVerticle(config, adapters, scaling.pass()));
    }
    AgentApi agentApi = null;
    if (adapters.github() != null) {
      Reconciler reconciler = ReconcileVerticle.reconciler(vertx, config, adapters);
      verticles.add(new ReconcileVerticle(reconciler));
      // Spot interruptions the agents report: spot re-runs watch the job at once, and the spot
      // circuit breaker of the job's pool counts the notice.
      var agentLedger = new InterruptionNotifyingLedger(adapters.ledger(), List.of(
          reconciler.interruptionListener(), adapters.spotInterruptions().recorder(Clock.systemUTC())));
      agentApi = new AgentApi(vertx, config.agentApi(), config.aws().region(), config.github().runnerGroup(),
          config.pools(), new AgentApi.Ports(adapters.fleet(), agentLedger, adapters.github(),
              adapters.recorders().agent(), Clock.systemUTC()));
    }
    this.http = new HttpVerticle(config, adapters, agentApi, scaling.lastPlan());
    verticles.add(http);
  }

  /** Builds the production adapters off the event loop and starts the gateway on them. */
  public static Future<GatewayApp> start(Vertx vertx, HangarConfig config) {
    return start(vertx, config, builder -> {});
  }

  /** As above, with replacements handed in through the builder (hangar-local's embedded queue). */
  public static Future<GatewayApp> start(Vertx vertx, HangarConfig config, Consumer<Adapters.Builder> replace) {
    return vertx.executeBlocking(() -> {
      Adapters.Builder builder = Adapters.builder(vertx, config);
      replace.accept(builder);
      return builder.build();
    }, false).compose(adapters -> start(vertx, config, adapters));
  }

  /** Starts the gateway on these adapters; they are closed when it stops or fails to start. */
  public static Future<GatewayApp> start(Vertx vertx, HangarConfig config, Adapters adapters) {
    // Wiring reads files (identity certificates): off the event loop.
    return vertx.executeBlocking(() -> {
      try {
        return new GatewayApp(vertx, config, adapters);
      } catch (RuntimeException e) {
        adapters.close();
        throw e;
      }
    }, false)
        .compose(app -> app.deploy(0).transform(ar -> ar.succeeded()
            ? Future.succeededFuture(app)
            : app.stop().transform(stopped -> Future.<GatewayApp>failedFuture(ar.cause()))));
  }

  private Future<Void> deploy(int i) {
    if (i == verticles.size()) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(verticles.get(i)).compose(id -> {
      deployed.add(id);
      return deploy(i + 1);
    });
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return http.port();
  }

  /**
   * Graceful stop: HTTP stops accepting and in-flight requests get {@code
   * server.shutdownGraceSeconds} to finish; then reconciliation and scaling stop, then the
   * adapters close.
   */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = undeploy(deployed.size() - 1)
          .transform(ar -> vertx.executeBlocking(() -> {
            adapters.close();
            return null;
          }, false))
          .mapEmpty();
    }
    return stopped;
  }

  private Future<Void> undeploy(int i) {
    if (i < 0) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deployed.get(i)).transform(ar -> {
      if (ar.failed()) {
        LOG.warn("stopping {} failed: {}", verticles.get(i).getClass().getSimpleName(), ar.cause().toString());
      }
      return undeploy(i - 1);
    });
  }
}
