package dev.hangar.gateway.consumer;

import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Consumer spans for queue messages: each message is processed in a {@code CONSUMER} span
 * whose parent is the producer span the webhook's SQS send put into the message attributes, so
 * one trace runs from the webhook through the queue to the ledger write (the work starts inside
 * the span's scope; the DynamoDB ledger carries that context to its later AWS calls).
 */
public final class TracedMessages implements MessageTracer {
  private final Tracing tracing;
  private final String queueName;

  public TracedMessages(Tracing tracing, String queueName) {
    this.tracing = tracing;
    this.queueName = queueName;
  }

  @Override
  public <T> Future<T> traced(QueuedJobEvent e, Supplier<Future<T>> work) {
    Span span =
        tracing.tracer()
            .spanBuilder(queueName + " process")
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(tracing.extract(e.traceContext()))
            .setAttribute("messaging.system", "aws_sqs")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", queueName)
            .setAttribute("messaging.message.conversation_id", e.deliveryId())
            .setAttribute("hangar.pool", e.pool())
            .setAttribute("hangar.job_id", e.event().jobId())
            .startSpan();
    Future<T> result;
    try (Scope ignored = span.makeCurrent()) {
      result = work.get();
    } catch (RuntimeException ex) {
      result = Future.failedFuture(ex);
    }
    return result.onComplete(
        ar -> {
          if (ar.failed()) {
            span.setStatus(StatusCode.ERROR, ar.cause().getClass().getSimpleName());
          }
          span.end();
        });
  }
}
