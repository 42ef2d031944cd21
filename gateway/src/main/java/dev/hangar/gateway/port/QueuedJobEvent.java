package dev.hangar.gateway.port;

import dev.hangar.gateway.domain.JobEvent;
import java.util.Map;

/**
 * A job event on its way through the queue.
 *
 * @param pool the matched pool (SQS message group)
 * @param deliveryId GitHub's {@code X-GitHub-Delivery} (SQS deduplication id)
 * @param event the normalized event
 * @param traceContext W3C trace context carried as message attributes
 */
public record QueuedJobEvent(
    String pool, String deliveryId, JobEvent event, Map<String, String> traceContext) {
  public QueuedJobEvent {
    traceContext = Map.copyOf(traceContext);
  }
}
