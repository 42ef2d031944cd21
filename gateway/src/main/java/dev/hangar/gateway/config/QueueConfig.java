package dev.hangar.gateway.config;

/**
 * The SQS FIFO queue between the webhook and the job consumer.
 *
 * @param url the queue URL (a {@code .fifo} queue)
 * @param endpoint SQS endpoint when it differs from {@code aws.endpoint} (e.g. ElasticMQ next
 *     to moto in tests); null uses {@code aws.endpoint}
 * @param embedded run an in-process ElasticMQ queue instead (local demo and tests)
 * @param sendTimeoutMillis how long a webhook waits for SQS to accept an event before it
 *     answers 503 (default 2000)
 * @param batchLingerMillis how long a send may wait to share a SendMessageBatch call with
 *     others (default 5; 0 sends each event on its own). Each SQS call costs far more CPU
 *     than the event it carries, so under load batches of up to 10 keep the gateway cheap;
 *     a batch of 10 goes out at once, without waiting.
 */
public record QueueConfig(String url, String endpoint, Boolean embedded, Integer sendTimeoutMillis, Integer batchLingerMillis) {
  public QueueConfig {
    embedded = embedded != null && embedded;
    sendTimeoutMillis = sendTimeoutMillis == null ? 2000 : sendTimeoutMillis;
    batchLingerMillis = batchLingerMillis == null ? 5 : batchLingerMillis;
  }

  /** All defaults (neither url nor embedded: not usable until one is set). */
  public static QueueConfig defaults() {
    return new QueueConfig(null, null, null, null, null);
  }
}
