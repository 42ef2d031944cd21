package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;

/** A refused agent API call: the HTTP status and the short reason answered as {"error": ...}. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final boolean reasonField;

  public ApiException(int status, String reason) {
    this(status, reason, false);
  }

  private ApiException(int status, String reason, boolean reasonField) {
    super(reason, null, false, false);
    this.status = status;
    this.reasonField = reasonField;
  }

  /** A refusal whose answer also names the reason as {"reason": ...} (e.g. retire: runner busy). */
  static ApiException withReason(int status, String reason) {
    return new ApiException(status, reason, true);
  }

  /** HTTP status to answer. */
  public int status() {
    return status;
  }

  /** The JSON body answered. */
  JsonObject body() {
    JsonObject body = new JsonObject().put("error", getMessage());
    return reasonField ? body.put("reason", getMessage()) : body;
  }
}
