package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;

/** A refused agent API call: the HTTP status and the short reason answered as {"error": ...}. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String reason;
  private final long retryAfterSeconds;

  public ApiException(int status, String error) {
    this(status, error, null, 0);
  }

  private ApiException(int status, String error, String reason, long retryAfterSeconds) {
    super(error, null, false, false);
    this.status = status;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A refusal whose answer also names the reason as {"reason": ...} (e.g. retire: runner busy). */
  static ApiException withReason(int status, String reason) {
    return new ApiException(status, reason, reason, 0);
  }

  /** 429 {"error": "too many requests", "reason": ...} with a Retry-After in seconds. */
  static ApiException throttled(String reason, long retryAfterSeconds) {
    return new ApiException(429, "too many requests", reason, retryAfterSeconds);
  }

  /** Seconds for the Retry-After header, 0 for none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** HTTP status to answer. */
  public int status() {
    return status;
  }

  /** The JSON body answered. */
  JsonObject body() {
    JsonObject body = new JsonObject().put("error", getMessage());
    return reason != null ? body.put("reason", reason) : body;
  }
}
