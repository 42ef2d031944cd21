package dev.hangar.gateway.agentapi;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** How the agent API reads request bodies and writes its JSON answers and refusals. */
final class AgentAnswers {
  private AgentAnswers() {}

  static void refuse(RoutingContext ctx, ApiException e) {
    if (e.retryAfterSeconds() > 0 && !ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    send(ctx, e.status(), e.body());
  }

  /** The parsed request, or null once a 4xx naming what is wrong has been sent. */
  static <R> R parse(RoutingContext ctx, Function<JsonObject, R> parser) {
    try {
      return parser.apply(jsonBody(ctx));
    } catch (ApiException e) {
      error(ctx, e.code(), e.getMessage());
      return null;
    }
  }

  static JsonObject jsonBody(RoutingContext ctx) {
    var body = ctx.body();
    JsonObject json = null;
    if (body != null && body.length() > 0) {
      try {
        json = body.asJsonObject();
      } catch (RuntimeException notAnObject) {
        // Invalid JSON, or JSON that is not an object: both are the client's mistake.
      }
    }
    if (json == null) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "body must be a JSON object");
    }
    return json;
  }

  static void error(RoutingContext ctx, ErrorCode code, String reason) {
    send(ctx, code.status(), new JsonObject().put("error", reason).put("code", code.wire()));
  }

  static Future<Void> send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return Future.failedFuture("response closed");
    }
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  static <T> Function<T, JsonObject> ack(String status) {
    return ignored -> new JsonObject().put("status", status);
  }

  static String describe(Throwable t) {
    // Class and message only: upstream messages carry no secrets, stack traces add nothing here.
    return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
