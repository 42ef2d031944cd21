package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.observability.ReconcileMetrics;
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
 * redeliver each failed attempt of an event (grouped by its guid) once. A redelivery that fails
 * too (the gateway was still down) is a new failed attempt and is redelivered again, up to
 * {@link #MAX_REDELIVERIES} times per event with doubling gaps (one reconcile interval, then
 * two...), so an outage of a quarter of an hour (at the default 60 s interval) loses nothing and
 * an event that can never be accepted stops. "Once per attempt" holds across replicas: the attempt is claimed in the ledger
 * before the request, and remembered in memory afterwards. At most {@code maxPerCycle}
 * redeliveries are requested per cycle, newest first; the rest wait for the next cycle. After
 * the first cycle only deliveries since the previous scan (with an overlap) are listed, and
 * GitHub filters failures server-side, so a cycle costs one call when nothing failed, however
 * many jobs ran.
 */
final class DeliveryReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryReconciler.class);
  static final String EVENT = "workflow_job";
  static final Duration OVERLAP = Duration.ofMinutes(10);
  static final int MAX_REDELIVERIES = 5;

  private final WebhookDeliveries github;
  private final Ledger ledger;
  private final ReconcileMetrics metrics;
  private final Duration window;
  private final int maxPerCycle;
  /** The first gap after a failed redelivery: one reconcile interval, doubling after each. */
  private final Duration firstGap;
  /** Failed attempts not yet redelivered, by guid (the newest failed attempt). */
  private final Map<String, WebhookDeliveries.Delivery> pending = new HashMap<>();
  /** Events whose failed attempts up to a time were redelivered (here or by another replica). */
  private final Map<String, Settled> settled = new HashMap<>();
  /** Attempts this replica claimed whose redelivery request has not succeeded yet. */
  private final java.util.Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The newest failed attempt handled for an event, how many redeliveries, and when the last. */
  private record Settled(Instant attemptUpTo, int redeliveries, Instant at) {
    boolean covers(WebhookDeliveries.Delivery d, Instant now, Duration firstGap) {
      boolean seen = d.deliveredAt() == null || !d.deliveredAt().isAfter(attemptUpTo);
      Duration gap = firstGap.multipliedBy(1L << Math.min(redeliveries - 1, 20));
      return seen || redeliveries >= MAX_REDELIVERIES || now.isBefore(at.plus(gap));
    }
  }
  private Instant lastScan;
  /** Answers once the gateway's own queue takes webhooks again; redelivering before is wasted. */
  private volatile java.util.function.Supplier<Future<Void>> intakeReady = Future::succeededFuture;

  DeliveryReconciler(
      WebhookDeliveries github, Ledger ledger, ReconcileMetrics metrics, Duration window, int maxPerCycle,
      Duration interval) {
    this.github = github;
    this.firstGap = interval;
    this.ledger = ledger;
    this.metrics = metrics;
    this.window = window;
    this.maxPerCycle = maxPerCycle;
  }

  /** Redeliveries wait while this fails (the queue the webhooks go to is down). */
  void intakeReady(java.util.function.Supplier<Future<Void>> ready) {
    this.intakeReady = ready;
  }

  Future<Void> run(Instant now) {
    return intakeReady.get()
        .transform(ready -> {
          if (ready.failed()) {
            // A redelivery now would fail too and spend one of the event's attempts.
            LOG.atInfo().log("webhook intake not ready, failed deliveries wait for the next cycle");
            return Future.<Void>succeededFuture();
          }
          return scanAndRedeliver(now);
        });
  }

  private Future<Void> scanAndRedeliver(Instant now) {
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
                  Settled done = settled.get(d.guid());
                  if (!EVENT.equals(d.event()) || !isFailure(d) || (done != null && done.covers(d, now, firstGap))
                      || tooRecentRedelivery(d, now)) {
                    continue;
                  }
                  pending.merge(d.guid(), d, (a, b) -> a.deliveredAt().isAfter(b.deliveredAt()) ? a : b);
                }
                pending.values().removeIf(d -> d.deliveredAt() != null && d.deliveredAt().isBefore(horizon));
                settled.values().removeIf(done -> done.at().isBefore(horizon.minus(OVERLAP)));
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
    // The first failed attempt keeps the claim key earlier gateways used for the event.
    String attempt = d.redelivery() ? d.guid() + ":" + d.id() : d.guid();
    Future<Boolean> claim =
        claimed.contains(attempt)
            ? Future.succeededFuture(true)
            : ledger.claimRegistration("redelivery:" + attempt, "webhook");
    return claim
        .compose(
            mine -> {
              if (!mine) {
                settle(d, attempt, now);
                return Future.<Void>succeededFuture();
              }
              // Claimed: this replica owns the redelivery; a failed request is retried in memory.
              claimed.add(attempt);
              return github
                  .redeliver(d.id())
                  .onSuccess(
                      v -> {
                        settle(d, attempt, now);
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

  private synchronized void settle(WebhookDeliveries.Delivery d, String attempt, Instant now) {
    claimed.remove(attempt);
    pending.remove(d.guid());
    Instant upTo = d.deliveredAt() == null ? now : d.deliveredAt();
    settled.merge(d.guid(), new Settled(upTo, 1, now),
        (old, added) -> new Settled(later(old.attemptUpTo(), upTo), old.redeliveries() + 1, now));
  }

  /**
   * A redelivery that has just failed waits the first gap, whichever replica sees it: the
   * replica that requested it knows the event's history, the others only the attempt.
   */
  private boolean tooRecentRedelivery(WebhookDeliveries.Delivery d, Instant now) {
    return d.redelivery() && d.deliveredAt() != null && now.isBefore(d.deliveredAt().plus(firstGap));
  }

  private static boolean isFailure(WebhookDeliveries.Delivery d) {
    return d.statusCode() >= 400 || (d.status() != null && !"OK".equalsIgnoreCase(d.status()));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
