package dev.hangar.gateway;

import dev.hangar.gateway.agentapi.AgentApi;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.config.ServerConfig;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.http.EdgeErrors;
import dev.hangar.gateway.http.RequestDeadlines;
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
    EdgeErrors edgeErrors = new EdgeErrors();
    Router router = router(edgeErrors);
    ServerConfig s = config.server();
    RequestDeadlines deadlines = new RequestDeadlines(vertx, Duration.ofSeconds(s.requestTimeoutSeconds()),
        Duration.ofSeconds(s.idleTimeoutSeconds()), edgeErrors);
    server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(s.host())
            .setPort(s.port())
            .setCompressionSupported(false)
            .setIdleTimeout(s.idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // HTTP/1.1 only (GitHub and the load balancer speak it): the request deadlines
            // follow HTTP/1.1's one-request-after-another on a connection.
            .setHttp2ClearTextEnabled(false))
        .connectionHandler(deadlines::connected)
        .invalidRequestHandler(edgeErrors::invalidRequest)
        .requestHandler(deadlines.guard(router));
    return server.listen().onSuccess(listening ->
        LOG.info("gateway listening on {}:{} with {} pool(s)", s.host(), listening.actualPort(), config.pools().size()));
  }

  /** Every route of the gateway, one line each; health last. */
  private Router router(EdgeErrors edgeErrors) {
    Router router = Router.router(vertx);
    HealthRoutes health = new HealthRoutes(adapters.registries(), Duration.ofSeconds(2));
    WebhookHandler webhook = new WebhookHandler(
        new WebhookSignature(config.github().webhookSecrets()),
        config.pools(),
        adapters.queue(),
        Duration.ofMillis(config.queue().sendTimeoutMillis()),
        adapters.recorders().webhook(),
        adapters.tracing());
    webhook.mount(router, config.server().bodyLimitBytes());
    edgeErrors.under("/webhook", webhook::refuse).mount(router);
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
