package dev.hangar.gateway.agentapi;

/** A refused agent API call: the HTTP status and the short reason answered as {"error": ...}. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** HTTP status to answer. */
  public int status() {
    return status;
  }
}
