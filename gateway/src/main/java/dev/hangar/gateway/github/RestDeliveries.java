package dev.hangar.gateway.github;

import dev.hangar.gateway.port.WebhookDeliveries;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The App's webhook deliveries on the REST API (authenticated as the App, not the installation). */
final class RestDeliveries implements WebhookDeliveries {
  private final GitHubCalls calls;

  RestDeliveries(GitHubCalls calls) {
    this.calls = calls;
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return deliveries(
        calls.url("/app/hook/deliveries?per_page=" + GitHubCalls.PAGE_SIZE), since, new ArrayList<>(), 0);
  }

  @Override
  public Future<List<Delivery>> failedDeliveriesSince(Instant since) {
    return deliveries(
        calls.url("/app/hook/deliveries?per_page=" + GitHubCalls.PAGE_SIZE + "&status=failure"),
        since,
        new ArrayList<>(),
        0);
  }

  private Future<List<Delivery>> deliveries(
      String url, Instant since, List<Delivery> acc, int page) {
    return calls.app("list-deliveries", HttpMethod.GET, url)
        .compose(
            r -> {
              if (r.status() != 200) {
                return Future.failedFuture(
                    new GitHubApiException("list-deliveries", r.status(), r.message()));
              }
              JsonArray items = r.jsonArray();
              boolean older = false;
              for (int i = 0; i < items.size(); i++) {
                JsonObject d = items.getJsonObject(i);
                Instant at = GitHubCalls.instant(d.getString("delivered_at"));
                if (at != null && at.isBefore(since)) {
                  older = true;
                  continue;
                }
                acc.add(
                    new Delivery(
                        d.getLong("id", 0L),
                        d.getString("guid"),
                        at,
                        d.getBoolean("redelivery", false),
                        d.getString("status"),
                        d.getInteger("status_code", 0),
                        d.getString("event"),
                        d.getString("action")));
              }
              String next = LinkHeader.next(r.headers().get("Link"));
              if (older || next == null || items.isEmpty() || page + 1 >= GitHubCalls.MAX_PAGES) {
                return Future.succeededFuture(List.copyOf(acc));
              }
              return deliveries(next, since, acc, page + 1);
            });
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    String url = calls.url("/app/hook/deliveries/" + deliveryId + "/attempts");
    return calls.app("redeliver", HttpMethod.POST, url)
        .compose(
            r ->
                r.status() == 202 || r.status() == 200
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new GitHubApiException("redeliver", r.status(), r.message())));
  }
}
