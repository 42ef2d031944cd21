package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.port.GitHub;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link GitHub} port on GitHub's REST API (github.com or GHES via {@code github.apiUrl}),
 * as a GitHub App installation, non-blocking on Vert.x WebClient. Keeps the calls per job low:
 * the runner group id is resolved once, the latest runner release is cached, and runner lists
 * are fetched with ETags (a 304 reuses the cached page and costs no rate limit).
 */
public final class WebClientGitHub implements GitHub {
  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 50;
  static final int MAX_RUNNER_PAGES = 200;

  /** A cached page of a conditional GET. */
  private record CachedPage(String etag, List<Runner> runners, String next) {}

  private final GitHubConfig settings;
  private final GitHubScope scope;
  private final GitHubHttp http;
  private final Clock clock;
  private final Map<String, CachedPage> runnerPages = new ConcurrentHashMap<>();
  private final Map<String, Future<Long>> runnerGroups = new ConcurrentHashMap<>();
  private Future<List<Runner>> listing;
  private Future<String> latestRelease;
  private Instant latestReleaseAt = Instant.MIN;

  /** Production wiring: Vert.x timers, the system clock, jittered backoff. */
  public static WebClientGitHub create(
      Vertx vertx, GitHubConfig settings, PrivateKey key, MeterRegistry registry) {
    return create(vertx, settings, key, registry, Clock.systemUTC(), Delays.vertx(vertx));
  }

  /** Production wiring with a span per GitHub call. */
  public static WebClientGitHub create(
      Vertx vertx, GitHubConfig settings, PrivateKey key, MeterRegistry registry, Tracer tracer) {
    return create(vertx, settings, key, registry, Clock.systemUTC(), Delays.vertx(vertx), tracer);
  }

  /** Wiring with an injectable clock and delays (tests run backoff on virtual time). */
  public static WebClientGitHub create(
      Vertx vertx,
      GitHubConfig settings,
      PrivateKey key,
      MeterRegistry registry,
      Clock clock,
      Delays delays) {
    return create(
        vertx, settings, key, registry, clock, delays,
        OpenTelemetry.noop().getTracer("dev.hangar.gateway"));
  }

  /** Full wiring: clock, delays and tracer injectable. */
  public static WebClientGitHub create(
      Vertx vertx,
      GitHubConfig settings,
      PrivateKey key,
      MeterRegistry registry,
      Clock clock,
      Delays delays,
      Tracer tracer) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("hangar-gateway")
                .setFollowRedirects(false)
                .setConnectTimeout((int) settings.requestTimeout().toMillis()));
    Backoff backoff =
        new Backoff(
            settings.backoffBase(),
            settings.backoffMax(),
            () -> ThreadLocalRandom.current().nextDouble());
    GitHubHttp http = new GitHubHttp(client, settings, clock, delays, registry, backoff, tracer);
    InstallationTokens tokens =
        new InstallationTokens(new AppJwt(settings.appId(), key, clock), settings, clock);
    tokens.attach(http);
    http.credentials(tokens);
    return new WebClientGitHub(settings, http, clock);
  }

  private WebClientGitHub(GitHubConfig settings, GitHubHttp http, Clock clock) {
    this.settings = settings;
    this.scope = GitHubScope.parse(settings.owner());
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder) {
    JsonObject body =
        new JsonObject()
            .put("name", runnerName)
            .put("runner_group_id", runnerGroupId)
            .put("labels", new JsonArray(new ArrayList<>(labels)));
    if (workFolder != null && !workFolder.isBlank()) {
      body.put("work_folder", workFolder);
    }
    String url = settings.apiUrl() + scope.actionsPath() + "/runners/generate-jitconfig";
    return installation("generate-jitconfig", HttpMethod.POST, url, body, null)
        .compose(
            r ->
                r.status() == 409
                    ? replaceStaleRunner(runnerName)
                        .compose(v -> installation("generate-jitconfig", HttpMethod.POST, url, body, null))
                    : Future.succeededFuture(r))
        .map(
            r -> {
              if (r.status() != 201) {
                throw new GitHubApiException("generate-jitconfig", r.status(), r.message());
              }
              JsonObject json = r.json();
              JsonObject runner = json.getJsonObject("runner", new JsonObject());
              return new JitConfig(
                  runner.getLong("id", 0L),
                  runner.getString("name", runnerName),
                  json.getString("encoded_jit_config"));
            });
  }

  @Override
  public Future<Runner> runnerNamed(String name) {
    return runnersNamed(name)
        .map(found -> found.stream().filter(r -> name.equals(r.name())).findFirst().orElse(null));
  }

  private Future<List<Runner>> runnersNamed(String name) {
    String url =
        settings.apiUrl()
            + scope.actionsPath()
            + "/runners?name="
            + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    return installation("list-runners", HttpMethod.GET, url, null, null)
        .compose(
            r ->
                r.status() == 200
                    ? Future.succeededFuture(runners(r.json().getJsonArray("runners", new JsonArray())))
                    : Future.failedFuture(
                        new GitHubApiException("list-runners", r.status(), r.message())));
  }

  /**
   * A runner with this name already exists: an earlier attempt (e.g. a retry after a timeout)
   * created it, but its JIT config never arrived. It has never run, so remove it and try again;
   * a busy runner of that name is left alone and the call fails.
   */
  private Future<Void> replaceStaleRunner(String runnerName) {
    return runnersNamed(runnerName)
        .compose(
            found -> {
              return Future.all(
                      found.stream()
                          .filter(x -> runnerName.equals(x.name()))
                          .map(x -> deleteRunner(x.id()))
                          .toList())
                  .mapEmpty();
            });
  }

  @Override
  public synchronized Future<List<Runner>> listRunners() {
    // Concurrent callers (one per pool) share one walk over the pages.
    if (listing == null) {
      Future<List<Runner>> f =
          listRunnerPages(
              settings.apiUrl() + scope.actionsPath() + "/runners?per_page=" + PAGE_SIZE,
              new ArrayList<>(),
              0);
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
    return installation(
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
    String url = settings.apiUrl() + scope.actionsPath() + "/runners/" + runnerId;
    return installation("delete-runner", HttpMethod.DELETE, url, null, null)
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

  @Override
  public Future<Long> runnerGroupId(String name) {
    String key = name == null || name.isBlank() ? "" : name.toLowerCase(java.util.Locale.ROOT);
    if (scope.isRepository()) {
      // Repository runners all live in the repository's default group.
      return key.isEmpty() || key.equals("default")
          ? Future.succeededFuture(1L)
          : Future.failedFuture(
              new IllegalArgumentException(
                  "runner groups exist only for organizations; github.owner is " + scope));
    }
    Future<Long> known = runnerGroups.get(key);
    if (known != null && !known.failed()) {
      return known;
    }
    Future<Long> f =
        findGroup(
            settings.apiUrl()
                + "/orgs/"
                + UrlPath.segment(scope.owner())
                + "/actions/runner-groups?per_page="
                + PAGE_SIZE,
            key,
            0);
    runnerGroups.put(key, f);
    return f;
  }

  private Future<Long> findGroup(String url, String key, int page) {
    return installation("list-runner-groups", HttpMethod.GET, url, null, null)
        .compose(
            r -> {
              if (r.status() != 200) {
                return Future.failedFuture(
                    new GitHubApiException("list-runner-groups", r.status(), r.message()));
              }
              JsonArray groups = r.json().getJsonArray("runner_groups", new JsonArray());
              for (int i = 0; i < groups.size(); i++) {
                JsonObject g = groups.getJsonObject(i);
                boolean match =
                    key.isEmpty()
                        ? g.getBoolean("default", false)
                        : key.equalsIgnoreCase(g.getString("name", ""));
                if (match) {
                  return Future.succeededFuture(g.getLong("id"));
                }
              }
              String next = LinkHeader.next(r.headers().get("Link"));
              if (next == null || page + 1 >= MAX_PAGES) {
                return Future.failedFuture(
                    new NoSuchElementException(
                        "runner group '" + (key.isEmpty() ? "default" : key) + "' not found for "
                            + scope));
              }
              return findGroup(next, key, page + 1);
            });
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    String url =
        settings.apiUrl() + "/repos/" + UrlPath.repository(repository) + "/actions/jobs/" + jobId;
    return installation("get-job", HttpMethod.GET, url, null, null)
        .compose(
            r -> {
              if (r.status() == 404) {
                return Future.failedFuture(
                    new NoSuchElementException("job " + jobId + " not found in " + repository));
              }
              if (r.status() != 200) {
                return Future.failedFuture(
                    new GitHubApiException("get-job", r.status(), r.message()));
              }
              JsonObject j = r.json();
              List<String> labels = new ArrayList<>();
              j.getJsonArray("labels", new JsonArray()).forEach(l -> labels.add(String.valueOf(l)));
              return Future.succeededFuture(
                  new JobSnapshot(
                      j.getLong("id", jobId),
                      j.getLong("run_id", 0L),
                      j.getString("status"),
                      j.getString("conclusion"),
                      List.copyOf(labels),
                      j.getString("runner_name"),
                      instant(j.getString("created_at")),
                      instant(j.getString("started_at")),
                      instant(j.getString("completed_at"))));
            });
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    String url =
        settings.apiUrl()
            + "/repos/"
            + UrlPath.repository(repository)
            + "/actions/jobs/"
            + jobId
            + "/rerun";
    return installation("rerun-job", HttpMethod.POST, url, null, null)
        .compose(
            r ->
                r.status() == 201
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new GitHubApiException("rerun-job", r.status(), r.message())));
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return deliveries(
        settings.apiUrl() + "/app/hook/deliveries?per_page=" + PAGE_SIZE, since, new ArrayList<>(), 0);
  }

  @Override
  public Future<List<Delivery>> failedDeliveriesSince(Instant since) {
    return deliveries(
        settings.apiUrl() + "/app/hook/deliveries?per_page=" + PAGE_SIZE + "&status=failure",
        since,
        new ArrayList<>(),
        0);
  }

  private Future<List<Delivery>> deliveries(
      String url, Instant since, List<Delivery> acc, int page) {
    return app("list-deliveries", HttpMethod.GET, url)
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
                Instant at = instant(d.getString("delivered_at"));
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
              if (older || next == null || items.isEmpty() || page + 1 >= MAX_PAGES) {
                return Future.succeededFuture(List.copyOf(acc));
              }
              return deliveries(next, since, acc, page + 1);
            });
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    String url = settings.apiUrl() + "/app/hook/deliveries/" + deliveryId + "/attempts";
    return app("redeliver", HttpMethod.POST, url)
        .compose(
            r ->
                r.status() == 202 || r.status() == 200
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new GitHubApiException("redeliver", r.status(), r.message())));
  }

  @Override
  public synchronized Future<String> latestRunnerVersion() {
    Instant now = clock.instant();
    if (latestRelease != null
        && !latestRelease.failed()
        && now.isBefore(latestReleaseAt.plus(settings.releaseCacheTtl()))) {
      return latestRelease;
    }
    latestReleaseAt = now;
    latestRelease =
        installation(
                "latest-runner-release",
                HttpMethod.GET,
                settings.apiUrl() + "/repos/actions/runner/releases/latest",
                null,
                null)
            .map(
                r -> {
                  if (r.status() != 200) {
                    throw new GitHubApiException("latest-runner-release", r.status(), r.message());
                  }
                  String tag = r.json().getString("tag_name", "");
                  return tag.startsWith("v") ? tag.substring(1) : tag;
                });
    return latestRelease;
  }

  private Future<GitHubResponse> installation(
      String endpoint, HttpMethod method, String url, JsonObject body, String etag) {
    return http.send(
        new GitHubRequest(endpoint, method, url, body, GitHubRequest.Auth.INSTALLATION, etag));
  }

  private Future<GitHubResponse> app(String endpoint, HttpMethod method, String url) {
    return http.send(new GitHubRequest(endpoint, method, url, null, GitHubRequest.Auth.APP, null));
  }

  private static Instant instant(String s) {
    return s == null || s.isBlank() ? null : java.time.OffsetDateTime.parse(s).toInstant();
  }

  @Override
  public String toString() {
    return "WebClientGitHub[" + settings.apiUrl() + ", owner=" + scope + "]";
  }
}
