package dev.hangar.gateway.observability;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} (the process answers), {@code GET /readyz} (every registered dependency
 * answers its ping in time; 503 naming the first that does not) and {@code GET /metrics}
 * (Prometheus text).
 */
public final class HealthRoutes {
  private final Map<String, Supplier<Future<Void>>> checks = new LinkedHashMap<>();
  private final MeterRegistries registries;
  private final Duration timeout;

  public HealthRoutes(MeterRegistries registries, Duration timeout) {
    this.registries = registries;
    this.timeout = timeout;
  }

  /** Adds a readiness dependency, e.g. {@code ("queue", queue::ping)}. */
  public HealthRoutes readiness(String name, Supplier<Future<Void>> ping) {
    checks.put(name, ping);
    return this;
  }

  /** Mounts the three routes. */
  public void mount(Router router) {
    router.get("/healthz").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/readyz").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registries.scrape()));
  }

  private void ready(RoutingContext ctx) {
    List<String> names = new ArrayList<>(checks.keySet());
    List<Future<Void>> pings = new ArrayList<>();
    for (String name : names) {
      Future<Void> ping;
      try {
        ping = checks.get(name).get();
      } catch (RuntimeException e) {
        ping = Future.failedFuture(e);
      }
      pings.add(ping.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }
    Future.join(pings).onComplete(ignored -> {
      for (int i = 0; i < names.size(); i++) {
        if (pings.get(i).failed()) {
          json(ctx, 503, new JsonObject().put("status", "not ready")
              .put("reason", names.get(i) + " unreachable: " + pings.get(i).cause().getClass().getSimpleName()));
          return;
        }
      }
      json(ctx, 200, new JsonObject().put("status", "ready").put("checks", names));
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }
}
