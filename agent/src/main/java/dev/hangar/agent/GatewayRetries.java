package dev.hangar.agent;

import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.log.Log;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Gateway calls retried with backoff until a deadline; the agent's one retry policy. */
final class GatewayRetries {
  /** A gateway call with an answer. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws GatewayException, InterruptedException;
  }

  /** A gateway call without one. */
  @FunctionalInterface
  interface Action {
    void call() throws GatewayException, InterruptedException;
  }

  private final AgentConfig config;
  private final Log log;
  private final BooleanSupplier closed;

  GatewayRetries(AgentConfig config, Log log, BooleanSupplier closed) {
    this.config = config;
    this.log = log;
    this.closed = closed;
  }

  /** Retries retryable failures with backoff until the deadline; non-retryable ones are thrown. */
  <T> Optional<T> untilDeadlineOrThrow(Duration limit, String what, Call<T> call)
      throws GatewayException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Backoff backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    while (!closed.getAsBoolean()) {
      try {
        return Optional.of(call.call());
      } catch (GatewayException e) {
        if (!e.retryable()) {
          throw e;
        }
        log.warn(what + " failed; retrying", "error", e.getMessage());
      }
      if (System.nanoTime() - deadline >= 0) {
        log.error(what + " did not succeed within the deadline", "deadlineMs", limit.toMillis());
        return Optional.empty();
      }
      backoff.pause();
    }
    return Optional.empty();
  }

  /** Like {@link #untilDeadlineOrThrow} but a refusal is logged and reads as "not done". */
  <T> Optional<T> untilDeadline(Duration limit, String what, Call<T> call) throws InterruptedException {
    try {
      return untilDeadlineOrThrow(limit, what, call);
    } catch (GatewayException e) {
      log.error(what + " refused", "status", e.status(), "reason", e.reason());
      return Optional.empty();
    }
  }

  /** Reports something the gateway should know but the agent can live without. */
  void bestEffort(String what, Action action) throws InterruptedException {
    try {
      untilDeadlineOrThrow(config.gatewayTimeout(), what, () -> {
        action.call();
        return Boolean.TRUE;
      });
    } catch (GatewayException e) {
      log.warn(what + " refused", "status", e.status(), "reason", e.reason());
    }
  }
}
