package dev.hangar.gateway.queue;

import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@link JobQueue} on an SQS FIFO queue: message group = pool (events of one pool stay in
 * order), deduplication id = GitHub delivery id (a redelivered webhook is stored once), W3C
 * trace context in the message attributes, the event as JSON in the body.
 */
public final class SqsJobQueue implements JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(SqsJobQueue.class);

  private final Vertx vertx;
  private final SqsAsyncClient sqs;
  private final String queueUrl;
  private final String queueName;
  private final Tracing tracing;
  private final SendBatcher batcher;

  /**
   * @param batchLinger how long a send may wait to share one SendMessageBatch call; zero sends
   *     each message on its own
   */
  public SqsJobQueue(Vertx vertx, SqsAsyncClient sqs, String queueUrl, Tracing tracing, Duration batchLinger) {
    this.vertx = vertx;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    this.tracing = tracing;
    this.batcher = batchLinger.isZero() ? null : new SendBatcher(vertx, sqs, queueUrl, batchLinger);
  }

  /** The queue's name (the last segment of its URL), as spans name it. */
  public String queueName() {
    return queueName;
  }

  @Override
  public Future<Void> send(QueuedJobEvent event) {
    io.vertx.core.Context vctx = vertx.getOrCreateContext();
    Span span = tracing.tracer().spanBuilder(queueName + " send")
        .setSpanKind(SpanKind.PRODUCER)
        .setParent(tracing.extract(event.traceContext()))
        .setAttribute("messaging.system", "aws_sqs")
        .setAttribute("messaging.destination.name", queueName)
        .setAttribute("messaging.message.conversation_id", event.deliveryId())
        .setAttribute("hangar.pool", event.pool())
        .startSpan();
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    tracing.inject(span).forEach((k, v) ->
        attributes.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
    SendMessageRequest request = SendMessageRequest.builder()
        .queueUrl(queueUrl)
        .messageGroupId(event.pool())
        .messageDeduplicationId(event.deliveryId())
        .messageBody(QueuedJobEventJson.encode(event))
        .messageAttributes(attributes)
        .build();
    CompletableFuture<?> sent;
    try (Scope ignored = span.makeCurrent()) {
      sent = batcher == null ? sqs.sendMessage(request) : batcher.send(request);
    }
    return Future.fromCompletionStage(sent, vctx)
        .onComplete(ar -> {
          if (ar.failed()) {
            span.setStatus(StatusCode.ERROR, ar.cause().getClass().getSimpleName());
          }
          span.end();
        })
        .mapEmpty();
  }

  @Override
  public Future<List<QueueMessage>> receive(int max, Duration wait) {
    io.vertx.core.Context vctx = vertx.getOrCreateContext();
    return Future.fromCompletionStage(
            sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.max(1, Math.min(10, max)))
                .waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
            vctx)
        .map(r -> {
          List<QueueMessage> out = new ArrayList<>(r.messages().size());
          for (Message m : r.messages()) {
            Map<String, String> trace = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> {
              if (v.stringValue() != null) {
                trace.put(k, v.stringValue());
              }
            });
            try {
              out.add(new QueueMessage(m.receiptHandle(), QueuedJobEventJson.decode(m.body(), trace), receiveCount(m)));
            } catch (IllegalArgumentException e) {
              // Left in the queue: after maxReceiveCount the redrive policy moves it to the DLQ.
              LOG.error("skipping undecodable message {}: {}", m.messageId(), e.getMessage());
            }
          }
          return out;
        });
  }

  private static int receiveCount(Message m) {
    String n = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    return n == null ? 1 : Integer.parseInt(n);
  }

  @Override
  public Future<Void> delete(String receiptHandle) {
    return Future.fromCompletionStage(
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)),
            vertx.getOrCreateContext())
        .mapEmpty();
  }

  @Override
  public Future<Void> ping() {
    return Future.fromCompletionStage(
            sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)),
            vertx.getOrCreateContext())
        .mapEmpty();
  }
}
