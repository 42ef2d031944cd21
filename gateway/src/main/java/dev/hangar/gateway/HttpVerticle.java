package dev.hangar.gateway;

import dev.hangar.gateway.agentapi.AgentApi;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.observability.HealthRoutes;
import dev.hangar.gateway.poolsapi.PoolsApi;
import dev.hangar.gateway.webhook.WebhookHandler;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP side: mounts every route and listens; stopping stops accepting and gives
 * in-flight requests {@code server.shutdownGraceSeconds} to finish.
 */
final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HangarConfig config;
  private final Adapters adapters;
  /** The agent API ({@code /agent/v1}); null without a GitHub App. */
  private final AgentApi agentApi;
  private final Function<String, ScalePlan> lastPlan;
  private volatile HttpServer server;

  HttpVerticle(HangarConfig config, Adapters adapters, AgentApi agentApi, Function<String, ScalePlan> lastPlan) {
    this.config = config;
    this.adapters = adapters;
    this.agentApi = agentApi;
    this.lastPlan = lastPlan;
  }

  @Override
  public Future<?> start() {
    Router router = router();
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.server().host())
        .setPort(config.server().port())
        .setCompressionSupported(false));
    return server.requestHandler(router).listen().onSuccess(s ->
        LOG.info("gateway listening on {}:{} with {} pool(s)", config.server().host(), s.actualPort(), config.pools().size()));
  }

  /** Every route of the gateway, one line each; health last. */
  private Router router() {
    Router router = Router.router(vertx);
    HealthRoutes health = new HealthRoutes(adapters.registries(), Duration.ofSeconds(2));
    new WebhookHandler(
            new WebhookSignature(config.github().webhookSecrets()),
            config.pools(),
            adapters.queue(),
            Duration.ofMillis(config.queue().sendTimeoutMillis()),
            adapters.meters(),
            adapters.tracing())
        .mount(router, config.server().bodyLimitBytes());
    health.readiness("queue", adapters.queue()::ping);
    health.readiness("ledger", adapters.ledger()::ping);
    if (agentApi != null) {
      agentApi.mount(router);
    }
    new PoolsApi(config.pools(), adapters.ledger(), adapters.fleet(), lastPlan).mount(router);
    adapters.routes().accept(router);
    health.mount(router);
    return router;
  }

  /** The port the server listens on (useful with port 0). */
  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(config.server().shutdownGraceSeconds(), TimeUnit.SECONDS);
  }
}
