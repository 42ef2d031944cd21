package dev.hangar.local.queue;

import dev.hangar.gateway.Adapters;
import dev.hangar.gateway.queue.EmbeddedSqs;

/** Supplies the gateway's job queue from an in-process ElasticMQ when {@code queue.embedded} is set. */
public final class EmbeddedQueue {
  private EmbeddedQueue() {}

  /** Starts ElasticMQ (blocks) and hands its queue in, when the configuration asks for it. */
  public static void supplyIfConfigured(Adapters.Builder adapters) {
    if (adapters.config().queue().embedded()) {
      EmbeddedSqs sqs = EmbeddedSqs.start();
      adapters.queueAt(sqs.endpoint(), sqs.queueUrl(), EmbeddedSqs.CREDENTIALS).closeWith(sqs);
    }
  }
}
