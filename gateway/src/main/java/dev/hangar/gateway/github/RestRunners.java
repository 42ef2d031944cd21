package dev.hangar.gateway.github;

import dev.hangar.gateway.port.Runners;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope's runners on the REST API. Runner lists are fetched with ETags (a 304 reuses the
 * cached page and costs no rate limit), and concurrent listings share one walk over the pages.
 */
final class RestRunners implements Runners {
  static final int MAX_RUNNER_PAGES = 200;

  /** A cached page of a conditional GET. */
  private record CachedPage(String etag, List<Runner> runners, String next) {}

  private final GitHubCalls calls;
  private final Map<String, CachedPage> runnerPages = new ConcurrentHashMap<>();
  private Future<List<Runner>> listing;

  RestRunners(GitHubCalls calls) {
    this.calls = calls;
  }

  @Override
  public Future<Runner> runnerNamed(String name) {
    return runnersNamed(name)
        .map(found -> found.stream().filter(r -> name.equals(r.name())).findFirst().orElse(null));
  }

  /** Runners whose name matches {@code name} as GitHub's filter does (exact match not guaranteed). */
  Future<List<Runner>> runnersNamed(String name) {
    String url = calls.actionsUrl("/runners?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    return calls.installation("list-runners", HttpMethod.GET, url, null, null)
        .compose(
            r ->
                r.status() == 200
                    ? Future.succeededFuture(runners(r.json().getJsonArray("runners", new JsonArray())))
                    : Future.failedFuture(
                        new GitHubApiException("list-runners", r.status(), r.message())));
  }

  @Override
  public synchronized Future<List<Runner>> listRunners() {
    // Concurrent callers (one per pool) share one walk over the pages.
    if (listing == null) {
      Future<List<Runner>> f =
          listRunnerPages(
              calls.actionsUrl("/runners?per_page=" + GitHubCalls.PAGE_SIZE), new ArrayList<>(), 0);
      listing = f;
      f.onComplete(
          ar -> {
            synchronized (this) {
              listing = null;
            }
          });
      return f;
    }
    return listing;
  }

  private Future<List<Runner>> listRunnerPages(String url, List<Runner> acc, int page) {
    CachedPage cached = runnerPages.get(url);
    return calls.installation(
            "list-runners", HttpMethod.GET, url, null, cached == null ? null : cached.etag())
        .compose(
            r -> {
              CachedPage current;
              if (r.status() == 304 && cached != null) {
                current = cached;
              } else if (r.status() == 200) {
                current =
                    new CachedPage(
                        r.headers().get("ETag"),
                        runners(r.json().getJsonArray("runners", new JsonArray())),
                        LinkHeader.next(r.headers().get("Link")));
                if (current.etag() != null) {
                  runnerPages.put(url, current);
                }
              } else {
                return Future.failedFuture(
                    new GitHubApiException("list-runners", r.status(), r.message()));
              }
              acc.addAll(current.runners());
              if (current.next() == null) {
                return Future.succeededFuture(List.copyOf(acc));
              }
              if (page + 1 >= MAX_RUNNER_PAGES) {
                // A partial list would make registered instances look unregistered: refuse.
                return Future.failedFuture(
                    new GitHubApiException(
                        "list-runners", 0, "more than " + MAX_RUNNER_PAGES + " pages of runners"));
              }
              return listRunnerPages(current.next(), acc, page + 1);
            });
  }

  private static List<Runner> runners(JsonArray array) {
    List<Runner> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject o = array.getJsonObject(i);
      List<String> labels = new ArrayList<>();
      JsonArray ls = o.getJsonArray("labels", new JsonArray());
      for (int j = 0; j < ls.size(); j++) {
        Object l = ls.getValue(j);
        labels.add(l instanceof JsonObject jo ? jo.getString("name") : String.valueOf(l));
      }
      out.add(
          new Runner(
              o.getLong("id", 0L),
              o.getString("name"),
              o.getString("status"),
              o.getBoolean("busy", false),
              List.copyOf(labels)));
    }
    return out;
  }

  @Override
  public Future<Void> deleteRunner(long runnerId) {
    String url = calls.actionsUrl("/runners/" + runnerId);
    return calls.installation("delete-runner", HttpMethod.DELETE, url, null, null)
        .compose(
            r -> {
              if (r.status() == 204 || r.status() == 404) {
                return Future.<Void>succeededFuture();
              }
              if (r.status() == 422) {
                return Future.failedFuture(new RunnerBusyException(runnerId));
              }
              return Future.failedFuture(
                  new GitHubApiException("delete-runner", r.status(), r.message()));
            });
  }
}
