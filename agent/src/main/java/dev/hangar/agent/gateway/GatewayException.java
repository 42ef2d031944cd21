package dev.hangar.agent.gateway;

/** A gateway call failed: {@code status} is the HTTP status, or 0 when the gateway was unreachable. */
public final class GatewayException extends Exception {
  private final int status;
  private final String reason;

  public GatewayException(int status, String reason) {
    super(status == 0 ? "gateway unreachable: " + reason : "gateway answered HTTP " + status + ": " + reason);
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** True when trying again later may help (unreachable, 408, 429, 5xx). */
  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
