package dev.hangar.agent.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * A gateway call failed: {@code status} is the HTTP status, or 0 when the gateway was unreachable;
 * {@code code} is the machine-readable refusal code of the answer ({@link Refusals}), empty when
 * the answer had none.
 */
public final class GatewayException extends Exception {
  private final int status;
  private final String code;
  private final String reason;
  private final Optional<Duration> retryAfter;

  public GatewayException(int status, String reason) {
    this(status, "", reason, Optional.empty());
  }

  public GatewayException(int status, String code, String reason, Optional<Duration> retryAfter) {
    super((status == 0 ? "gateway unreachable: " : "gateway answered HTTP " + status
        + (code.isEmpty() ? "" : " " + code) + ": ") + reason);
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The refusal code ({@code not_in_service}, {@code runner_busy}, …); empty when none was given. */
  public String code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** How long the gateway asked to wait ({@code Retry-After} of a {@code throttled} answer). */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** True when trying again later may help (unreachable, 408, 429, 5xx). */
  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
