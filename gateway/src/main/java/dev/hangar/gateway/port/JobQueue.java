package dev.hangar.gateway.port;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** The durable FIFO queue between the webhook and the job consumer (SQS FIFO in production). */
public interface JobQueue {

  /**
   * Stores one matched event. Succeeds only once the queue has durably accepted it; the FIFO
   * deduplication id is the GitHub delivery id, so a redelivered webhook is stored once.
   */
  Future<Void> send(QueuedJobEvent event);

  /** Long-polls for up to {@code max} messages, waiting at most {@code wait}. */
  Future<List<QueueMessage>> receive(int max, Duration wait);

  /** Acknowledges a message after the ledger accepted it. */
  Future<Void> delete(String receiptHandle);

  /** Succeeds when the queue is reachable (for readiness). */
  Future<Void> ping();
}
