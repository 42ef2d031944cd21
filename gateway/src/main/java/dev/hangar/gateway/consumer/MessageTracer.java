package dev.hangar.gateway.consumer;

import dev.hangar.gateway.port.QueuedJobEvent;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs the handling of one queue message inside a consumer span whose parent is the trace
 * context the webhook put into the message, so a job's trace goes webhook → SQS → ledger.
 */
@FunctionalInterface
public interface MessageTracer {
  /** Handles {@code event} with {@code work}, traced. */
  <T> Future<T> traced(QueuedJobEvent event, Supplier<Future<T>> work);

  /** No tracing. */
  static MessageTracer none() {
    return new MessageTracer() {
      @Override
      public <T> Future<T> traced(QueuedJobEvent event, Supplier<Future<T>> work) {
        return work.get();
      }
    };
  }
}
