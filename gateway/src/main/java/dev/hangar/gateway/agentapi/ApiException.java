package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;

/** A refused agent API call: answered as {"error": ..., "code": ...} with the code's HTTP status. */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final String reason;
  private final long retryAfterSeconds;

  public ApiException(ErrorCode code, String error) {
    this(code, error, null, 0);
  }

  private ApiException(ErrorCode code, String error, String reason, long retryAfterSeconds) {
    super(error, null, false, false);
    this.code = code;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A refusal whose answer also names the reason as {"reason": ...} (e.g. retire: runner busy). */
  static ApiException withReason(ErrorCode code, String reason) {
    return new ApiException(code, reason, reason, 0);
  }

  /** 429 {"error": "too many requests", "reason": ...} with a Retry-After in seconds. */
  static ApiException throttled(String reason, long retryAfterSeconds) {
    return new ApiException(ErrorCode.THROTTLED, "too many requests", reason, retryAfterSeconds);
  }

  /** Seconds for the Retry-After header, 0 for none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** HTTP status to answer. */
  public int status() {
    return code.status();
  }

  /** The machine-readable code answered. */
  public ErrorCode code() {
    return code;
  }

  /** The JSON body answered. */
  JsonObject body() {
    JsonObject body = new JsonObject().put("error", getMessage()).put("code", code.wire());
    return reason != null ? body.put("reason", reason) : body;
  }
}
