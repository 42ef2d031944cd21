package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.port.WebhookDeliveries;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub does not retry failed webhook deliveries. This finds failed {@code workflow_job}
 * deliveries of the app (within the window, GitHub keeps three days) and asks GitHub to
 * redeliver each event (grouped by its guid) once. "Once" holds across replicas: a guid is
 * claimed in the ledger before the request, and remembered in memory afterwards. At most
 * {@code maxPerCycle} redeliveries are requested per cycle, newest first; the rest wait for the
 * next cycle. After the first cycle only deliveries since the previous scan (with an overlap)
 * are listed, and GitHub filters failures server-side, so a cycle costs one call when nothing
 * failed, however many jobs ran.
 */
final class DeliveryReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryReconciler.class);
  static final String EVENT = "workflow_job";
  static final Duration OVERLAP = Duration.ofMinutes(10);

  private final WebhookDeliveries github;
  private final Ledger ledger;
  private final ReconcileMetrics metrics;
  private final Duration window;
  private final int maxPerCycle;
  /** Failed deliveries not yet redelivered, by guid (the newest failed attempt). */
  private final Map<String, WebhookDeliveries.Delivery> pending = new HashMap<>();
  /** Guids already redelivered (by this replica or, per the ledger claim, another). */
  private final Map<String, Instant> settled = new HashMap<>();
  /** Guids this replica claimed whose redelivery request has not succeeded yet. */
  private final java.util.Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Instant lastScan;

  DeliveryReconciler(
      WebhookDeliveries github, Ledger ledger, ReconcileMetrics metrics, Duration window, int maxPerCycle) {
    this.github = github;
    this.ledger = ledger;
    this.metrics = metrics;
    this.window = window;
    this.maxPerCycle = maxPerCycle;
  }

  Future<Void> run(Instant now) {
    Instant horizon = now.minus(window);
    Instant since = lastScan == null ? horizon : later(horizon, lastScan.minus(OVERLAP));
    return github
        .failedDeliveriesSince(since)
        .compose(
            failed -> {
              lastScan = now;
              List<WebhookDeliveries.Delivery> batch;
              synchronized (this) {
                for (WebhookDeliveries.Delivery d : failed) {
                  if (!EVENT.equals(d.event()) || settled.containsKey(d.guid()) || !isFailure(d)) {
                    continue;
                  }
                  pending.merge(d.guid(), d, (a, b) -> a.deliveredAt().isAfter(b.deliveredAt()) ? a : b);
                }
                pending.values().removeIf(d -> d.deliveredAt() != null && d.deliveredAt().isBefore(horizon));
                settled.values().removeIf(at -> at.isBefore(horizon.minus(OVERLAP)));
                batch =
                    pending.values().stream()
                        .sorted(Comparator.comparing(WebhookDeliveries.Delivery::deliveredAt,
                            Comparator.nullsLast(Comparator.reverseOrder())))
                        .limit(maxPerCycle)
                        .toList();
              }
              List<Future<Void>> done = new ArrayList<>();
              for (WebhookDeliveries.Delivery d : batch) {
                done.add(redeliverOnce(d, now));
              }
              return Future.join(done).mapEmpty();
            });
  }

  private Future<Void> redeliverOnce(WebhookDeliveries.Delivery d, Instant now) {
    Future<Boolean> claim =
        claimed.contains(d.guid())
            ? Future.succeededFuture(true)
            : ledger.claimRegistration("redelivery:" + d.guid(), "webhook");
    return claim
        .compose(
            mine -> {
              if (!mine) {
                settle(d, now);
                return Future.<Void>succeededFuture();
              }
              // Claimed: this replica owns the redelivery; a failed request is retried in memory.
              claimed.add(d.guid());
              return github
                  .redeliver(d.id())
                  .onSuccess(
                      v -> {
                        settle(d, now);
                        metrics.action(ReconcileMetrics.UNKNOWN_POOL, ReconcileMetrics.REDELIVERED);
                        LOG.atInfo().addKeyValue("deliveryId", d.guid())
                            .addKeyValue("statusCode", d.statusCode()).addKeyValue("action", d.action())
                            .log("failed workflow_job delivery redelivered");
                      });
            })
        .recover(
            e -> {
              LOG.atWarn().addKeyValue("deliveryId", d.guid()).addKeyValue("error", e.toString())
                  .log("redelivery request failed; will try again");
              return Future.succeededFuture();
            });
  }

  private synchronized void settle(WebhookDeliveries.Delivery d, Instant now) {
    claimed.remove(d.guid());
    pending.remove(d.guid());
    settled.put(d.guid(), now);
  }

  private static boolean isFailure(WebhookDeliveries.Delivery d) {
    return d.statusCode() >= 400 || (d.status() != null && !"OK".equalsIgnoreCase(d.status()));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
