package dev.hangar.gateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON answers ({@code {"result": ..., "reason": ...}}) for what is refused before a route
 * handler runs: the router's 404 and 405, the HTTP codec's 414, 431 and 400, and the request
 * deadline's 408. A path prefix can take these over (the webhook counts them in its metric).
 */
public final class EdgeErrors {
  /** Answers a refusal of a request whose path lies under a registered prefix. */
  @FunctionalInterface
  public interface Refusal {
    void refuse(HttpServerRequest request, int status, String reason);
  }

  private final Map<String, Refusal> byPrefix = new LinkedHashMap<>();

  /** Refusals of {@code prefix} and paths below it go to {@code refusal}. */
  public EdgeErrors under(String prefix, Refusal refusal) {
    byPrefix.put(prefix, refusal);
    return this;
  }

  /** Makes the router's 404 and 405 answers JSON. */
  public void mount(Router router) {
    router.errorHandler(404, ctx -> refuse(ctx.request(), 404, "no such path"));
    router.errorHandler(405, ctx -> refuse(ctx.request(), 405, "method not allowed on this path"));
  }

  /**
   * For {@code HttpServer.invalidRequestHandler}: the codec could not read the request, so the
   * connection cannot carry another one and is closed after the answer.
   */
  public void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String reason;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      reason = "request line too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      reason = "request headers too large";
    } else {
      status = 400;
      reason = "malformed HTTP request";
    }
    // No router here, so the end handler is ours to set.
    request.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
    refuse(request, status, reason);
  }

  /** Answers {@code status} with the JSON body, through the prefix's refusal if one matches. */
  public void refuse(HttpServerRequest request, int status, String reason) {
    String path = request.path();
    if (path != null) {
      for (Map.Entry<String, Refusal> e : byPrefix.entrySet()) {
        String prefix = e.getKey();
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
          e.getValue().refuse(request, status, reason);
          return;
        }
      }
    }
    answer(request.response(), status, result(status), reason);
  }

  /** Writes the JSON body unless an answer is already under way. */
  public static void answer(HttpServerResponse response, int status, String result, String reason) {
    if (response.ended() || response.closed() || response.headWritten()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("result", result).put("reason", reason).toBuffer());
  }

  private static String result(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "timeout";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      case 400 -> "bad_request";
      default -> "error";
    };
  }
}
