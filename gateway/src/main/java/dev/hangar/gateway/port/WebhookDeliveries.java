package dev.hangar.gateway.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** The App's webhook deliveries, for redelivering the ones that failed. */
public interface WebhookDeliveries {

  /** App webhook deliveries since {@code since}, newest first. */
  Future<List<Delivery>> deliveriesSince(Instant since);

  /**
   * Failed app webhook deliveries (status code 400-599) since {@code since}, newest first. The
   * default filters {@link #deliveriesSince}; the REST adapter asks GitHub to filter, so the
   * cost does not grow with the number of successful deliveries.
   */
  default Future<List<Delivery>> failedDeliveriesSince(Instant since) {
    return deliveriesSince(since)
        .map(all -> all.stream().filter(d -> d.statusCode() >= 400).toList());
  }

  /** Asks GitHub to redeliver one webhook delivery. */
  Future<Void> redeliver(long deliveryId);

  /** A webhook delivery of the app. */
  record Delivery(
      long id, String guid, Instant deliveredAt, boolean redelivery, String status,
      int statusCode, String event, String action) {}
}
