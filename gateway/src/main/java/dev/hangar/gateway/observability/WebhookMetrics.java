package dev.hangar.gateway.observability;

import java.time.Duration;

/** What the webhook route records: {@code hangar.webhook.received} and {@code hangar.webhook.duration}. */
public interface WebhookMetrics {
  /** Records nothing. */
  WebhookMetrics NOOP = (event, result, took) -> {};

  /** One answered webhook request; {@code event} and {@code result} are bounded words. */
  void received(String event, String result, Duration took);
}
