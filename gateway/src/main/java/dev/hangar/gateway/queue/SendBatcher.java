package dev.hangar.gateway.queue;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Groups sends made within a short linger into SendMessageBatch calls (up to 10 entries).
 * Each caller's future completes only with its own entry's result, so nothing is acknowledged
 * before SQS accepted that message.
 */
final class SendBatcher {
  private static final int MAX_BATCH = 10;

  private record Entry(SendMessageRequest request, CompletableFuture<Void> done, Context otel) {}

  private final Vertx vertx;
  private final SqsAsyncClient sqs;
  private final String queueUrl;
  private final long lingerMillis;
  private List<Entry> pending = new ArrayList<>(MAX_BATCH);
  private long timer = -1;

  SendBatcher(Vertx vertx, SqsAsyncClient sqs, String queueUrl, Duration linger) {
    this.vertx = vertx;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.lingerMillis = Math.max(1, linger.toMillis());
  }

  CompletableFuture<Void> send(SendMessageRequest request) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<Entry> full = null;
    synchronized (this) {
      pending.add(new Entry(request, done, Context.current()));
      if (pending.size() >= MAX_BATCH) {
        full = take();
      } else if (timer < 0) {
        timer = vertx.setTimer(lingerMillis, id -> flushOnTimer());
      }
    }
    if (full != null) {
      flush(full);
    }
    return done;
  }

  private void flushOnTimer() {
    List<Entry> batch;
    synchronized (this) {
      timer = -1;
      batch = take();
    }
    if (!batch.isEmpty()) {
      flush(batch);
    }
  }

  private List<Entry> take() {
    List<Entry> batch = pending;
    pending = new ArrayList<>(MAX_BATCH);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return batch;
  }

  private void flush(List<Entry> batch) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      SendMessageRequest r = batch.get(i).request();
      entries.add(SendMessageBatchRequestEntry.builder()
          .id(Integer.toString(i))
          .messageBody(r.messageBody())
          .messageGroupId(r.messageGroupId())
          .messageDeduplicationId(r.messageDeduplicationId())
          .messageAttributes(r.messageAttributes())
          .build());
    }
    CompletableFuture<SendMessageBatchResponse> call;
    // The AWS call span joins the first message's trace; the others' producer spans stand alone.
    try (Scope ignored = batch.get(0).otel().makeCurrent()) {
      call = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    }
    call.whenComplete((response, error) -> {
      if (error != null) {
        batch.forEach(e -> e.done().completeExceptionally(error));
        return;
      }
      response.successful().forEach(ok -> batch.get(Integer.parseInt(ok.id())).done().complete(null));
      for (BatchResultErrorEntry failed : response.failed()) {
        batch.get(Integer.parseInt(failed.id())).done().completeExceptionally(
            SqsException.builder().message("SendMessageBatch entry failed: " + failed.code()).build());
      }
      // An entry SQS reported neither way was not stored.
      for (Entry e : batch) {
        if (!e.done().isDone()) {
          e.done().completeExceptionally(
              SqsException.builder().message("SendMessageBatch entry missing from response").build());
        }
      }
    });
  }
}
