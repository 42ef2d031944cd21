package dev.hangar.gateway.testing;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A GitHub REST API stand-in on a free port, for tests. Every request is checked against
 * GitHub's official OpenAPI description ({@link OpenApiContract}); anything invalid is recorded
 * in {@link #violations()} (tests assert it stays empty) and answered 400. Answers are GitHub's
 * own examples from that description, filled from a small state model that follows GitHub's
 * documented behaviour: app endpoints need a JWT signed with the app key ({@code iss} = app id,
 * {@code exp - iat} at most 10 minutes), other endpoints an installation token it issued
 * (expiring after {@link #tokenLifetime}); JIT runners appear offline until started; deleting
 * a busy runner answers 422 and an unknown one 404; runner lists carry ETags and answer 304 to
 * a matching {@code If-None-Match} without using rate limit; every other answer counts against
 * an {@code x-ratelimit-*} bucket per credential kind and an empty bucket answers 403 until its
 * reset; lists paginate with {@code Link} headers (page numbers for runners, cursors for hook
 * deliveries). Tests may script the next answers of an operation (errors, rate limits).
 */
public final class GitHubTestServer implements AutoCloseable {

  /** A scripted answer. */
  public record Reply(int status, Map<String, String> headers, Object body) {
    public static Reply of(int status) {
      return new Reply(status, Map.of(), null);
    }

    public static Reply of(int status, Map<String, String> headers) {
      return new Reply(status, headers, null);
    }
  }

  /** A request as received (after validation). */
  public record Recorded(
      String operationId, String method, String path, MultiMap query, String authKind,
      String body, Instant at) {}

  /** A registered runner. */
  public static final class StoredRunner {
    public final long id;
    public final String name;
    public final List<String> labels;
    public volatile String status;
    public volatile boolean busy;

    StoredRunner(long id, String name, List<String> labels, String status, boolean busy) {
      this.id = id;
      this.name = name;
      this.labels = List.copyOf(labels);
      this.status = status;
      this.busy = busy;
    }
  }

  /** A webhook delivery of the app; {@code payload} is what a redelivery sends again. */
  public record StoredDelivery(
      long id, String guid, Instant deliveredAt, boolean redelivery, String status,
      int statusCode, String event, String action, JsonObject payload) {}

  private final Vertx vertx;
  private final long appId;
  private final PublicKey appKey;
  private final Clock clock;
  private final String basePath;
  private final OpenApiContract contract = OpenApiContract.load();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
  /** Scripted answers for whichever operation comes next (fault bursts). */
  private final Deque<Reply> scriptedAny = new java.util.concurrent.ConcurrentLinkedDeque<>();
  private volatile long delayMillis;
  private final Map<Long, StoredRunner> runners = new ConcurrentHashMap<>();
  private final Map<Long, JsonObject> jobs = new ConcurrentHashMap<>();
  private final List<StoredDelivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<Long> reruns = new CopyOnWriteArrayList<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Set<String> jtis = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextRunnerId = new AtomicLong(100);
  private final AtomicLong nextDeliveryId = new AtomicLong(9_000_000);
  private final AtomicInteger tokenCounter = new AtomicInteger();
  private final AtomicInteger limitedRequests = new AtomicInteger();
  private final Map<String, long[]> buckets = new ConcurrentHashMap<>();
  private volatile int rateLimit = 5000;
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private volatile String latestRunnerTag = "v2.330.0";
  private volatile long installationId = 4242;

  /** Simulates the App being uninstalled and installed again (a new installation id). */
  public void reinstall(long newInstallationId) {
    installationId = newInstallationId;
    tokens.clear();
  }
  private volatile Function<StoredDelivery, Future<Integer>> redeliveryTarget;
  private HttpServer server;
  private String apiUrl;

  private GitHubTestServer(
      Vertx vertx, long appId, PublicKey appKey, Clock clock, String basePath) {
    this.vertx = vertx;
    this.appId = appId;
    this.appKey = appKey;
    this.clock = clock;
    this.basePath = basePath == null ? "" : basePath;
  }

  /** Starts a server on a free port; {@code basePath} is {@code ""} or e.g. {@code /api/v3}. */
  public static Future<GitHubTestServer> start(
      Vertx vertx, long appId, PublicKey appKey, Clock clock, String basePath) {
    GitHubTestServer s = new GitHubTestServer(vertx, appId, appKey, clock, basePath);
    return vertx
        .createHttpServer()
        .requestHandler(s::handle)
        .listen(0, "127.0.0.1")
        .map(
            srv -> {
              s.server = srv;
              s.apiUrl = "http://127.0.0.1:" + srv.actualPort() + s.basePath;
              return s;
            });
  }

  /** What to configure as {@code github.apiUrl}. */
  public String apiUrl() {
    return apiUrl;
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** How many requests of an operation arrived. */
  public long count(String operationId) {
    return requests.stream().filter(r -> r.operationId().equals(operationId)).count();
  }

  /** Requests that arrived while their rate-limit bucket was empty (a storm if many). */
  public int limitedRequests() {
    return limitedRequests.get();
  }

  public void clearRequests() {
    requests.clear();
  }

  /** Answers the next calls of the operation with these replies, in order. */
  public void script(String operationId, Reply... replies) {
    scripted.computeIfAbsent(operationId, k -> new ArrayDeque<>()).addAll(List.of(replies));
  }

  /**
   * Answers the next calls of any operation (after authentication and the rate limit) with
   * these replies, in order, before an operation's own scripted replies: bursts of 5xx or 429.
   */
  public void scriptAny(Reply... replies) {
    scriptedAny.addAll(List.of(replies));
  }

  /** Scripted replies for any operation not yet used. */
  public int scriptedAnyLeft() {
    return scriptedAny.size();
  }

  /** Answers every request this much later (a slow GitHub); zero answers at once. */
  public void delay(Duration d) {
    delayMillis = d.toMillis();
  }

  public void tokenLifetime(Duration d) {
    tokenLifetime = d;
  }

  public void rateLimit(int limit) {
    rateLimit = limit;
    buckets.clear();
  }

  /** Empties the installation bucket until {@code reset}. */
  public void exhaustRateLimit(Instant reset) {
    buckets.put("installation", new long[] {0, reset.getEpochSecond()});
  }

  /** Forgets every issued installation token (the next use answers 401). */
  public void revokeTokens() {
    tokens.clear();
  }

  public int tokensIssued() {
    return tokenCounter.get();
  }

  /** The JWT ids seen so far. */
  public Set<String> jtis() {
    return Set.copyOf(jtis);
  }

  public void latestRunnerTag(String tag) {
    latestRunnerTag = tag;
  }

  // ---- state ----------------------------------------------------------------------------

  public long addRunner(String name, String status, boolean busy, List<String> labels) {
    long id = nextRunnerId.incrementAndGet();
    runners.put(id, new StoredRunner(id, name, labels, status, busy));
    return id;
  }

  /**
   * GitHub hands a job to the runner: marks it online and busy, atomically with a runner
   * deletion; false when the runner is gone or already busy.
   */
  public boolean assignJob(String name) {
    synchronized (runners) {
      StoredRunner r = runner(name);
      if (r == null || r.busy) {
        return false;
      }
      r.status = "online";
      r.busy = true;
      return true;
    }
  }

  /** Removes a runner the way GitHub does after an ephemeral runner's one job. */
  public void forgetRunner(long id) {
    runners.remove(id);
  }

  public List<StoredRunner> runners() {
    return runners.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList();
  }

  public StoredRunner runner(String name) {
    return runners.values().stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
  }

  /** Stores a job GitHub knows, built from the description's example. */
  public void putJob(
      String repository, long jobId, long runId, String status, String conclusion,
      List<String> labels, Instant createdAt) {
    JsonObject j =
        (JsonObject) contract.example("actions/get-job-for-workflow-run", 200);
    j.put("id", jobId)
        .put("run_id", runId)
        .put("status", status)
        .put("conclusion", conclusion)
        .put("labels", new JsonArray(new ArrayList<>(labels)))
        .put("created_at", createdAt.toString())
        .put("started_at", "in_progress".equals(status) || "completed".equals(status) ? createdAt.toString() : null)
        .put("completed_at", "completed".equals(status) ? createdAt.toString() : null)
        .put("runner_name", null)
        .put("url", "https://api.github.com/repos/" + repository + "/actions/jobs/" + jobId);
    jobs.put(jobId, j);
  }

  /** Job ids a re-run was requested for. */
  public List<Long> reruns() {
    return List.copyOf(reruns);
  }

  /** Records a delivery GitHub made; returns its id. */
  public long addDelivery(
      String guid, Instant at, boolean redelivery, int statusCode, String event, String action,
      JsonObject payload) {
    long id = nextDeliveryId.incrementAndGet();
    deliveries.add(
        new StoredDelivery(
            id, guid, at, redelivery, statusCode < 400 ? "OK" : "Invalid HTTP Response: " + statusCode,
            statusCode, event, action, payload));
    return id;
  }

  public List<StoredDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Where redeliveries go: returns the status code the webhook receiver answered. */
  public void redeliveryTarget(Function<StoredDelivery, Future<Integer>> target) {
    redeliveryTarget = target;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  // ---- request handling -----------------------------------------------------------------

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(buf -> {
          long delay = delayMillis;
          if (delay > 0) {
            vertx.setTimer(delay, t -> handle(req, buf));
          } else {
            handle(req, buf);
          }
        })
        .onFailure(e -> req.response().setStatusCode(500).end());
  }

  private void handle(HttpServerRequest req, Buffer buf) {
    String path = req.path();
    String method = req.method().name();
    if (!path.startsWith(basePath + "/")) {
      violations.add(method + " " + path + ": outside the API base path " + basePath);
      req.response().setStatusCode(404).end();
      return;
    }
    String apiPath = path.substring(basePath.length());
    OpenApiContract.Match match = contract.match(method, apiPath);
    if (match == null) {
      violations.add(method + " " + apiPath + ": no such operation in GitHub's description");
      reply(req, "unknown", 404, Map.of(), new JsonObject().put("message", "Not Found"), true);
      return;
    }
    String body = buf.toString();
    List<String> problems =
        contract.violations(match, req.params(), req.headers(), body, false);
    if (!problems.isEmpty()) {
      violations.addAll(problems);
      reply(req, "invalid", 400, Map.of(), new JsonObject().put("message", String.join("; ", problems)), true);
      return;
    }
    String opId = match.operation().operationId();
    boolean appAuth = opId.startsWith("apps/");
    String bearer = req.getHeader("Authorization").substring(7);
    String authKind = appAuth ? "app" : "installation";
    if (appAuth) {
      String problem = checkJwt(bearer);
      if (problem != null) {
        violations.add(method + " " + match.operation().template() + ": " + problem);
        reply(req, authKind, 401, Map.of(), new JsonObject().put("message", "A JSON web token could not be decoded"), true);
        return;
      }
    }
    requests.add(new Recorded(opId, method, apiPath, req.params(), authKind, body, clock.instant()));
    if (!appAuth) {
      Instant expires = tokens.get(bearer);
      if (expires == null || !clock.instant().isBefore(expires)) {
        reply(req, authKind, 401, Map.of(), new JsonObject().put("message", "Bad credentials"), true);
        return;
      }
    }
    long[] bucket = bucket(authKind);
    if (bucket[0] <= 0) {
      limitedRequests.incrementAndGet();
      reply(
          req, authKind, 403, Map.of(),
          new JsonObject().put("message", "API rate limit exceeded for installation."), true);
      return;
    }
    Deque<Reply> queue = scripted.get(opId);
    Reply canned = scriptedAny.poll();
    if (canned == null) {
      canned = queue == null ? null : queue.poll();
    }
    if (canned != null) {
      reply(req, authKind, canned.status(), canned.headers(), canned.body(), true);
      return;
    }
    answer(req, opId, match.pathParams(), body, authKind);
  }

  private String checkJwt(String jwt) {
    try {
      Claims c =
          Jwts.parser()
              .verifyWith(appKey)
              .clock(() -> Date.from(clock.instant()))
              .clockSkewSeconds(60)
              .build()
              .parseSignedClaims(jwt)
              .getPayload();
      if (!String.valueOf(appId).equals(c.getIssuer())) {
        return "JWT iss must be the app id";
      }
      if (c.getIssuedAt() == null || c.getExpiration() == null) {
        return "JWT needs iat and exp";
      }
      long lifetime = c.getExpiration().getTime() - c.getIssuedAt().getTime();
      if (lifetime > Duration.ofMinutes(10).toMillis()) {
        return "JWT exp must be at most 10 minutes after iat";
      }
      if (c.getId() == null || !jtis.add(c.getId())) {
        return "JWT jti missing or reused";
      }
      return null;
    } catch (RuntimeException e) {
      return "JWT rejected: " + e.getClass().getSimpleName();
    }
  }

  private long[] bucket(String kind) {
    long[] b =
        buckets.computeIfAbsent(
            kind, k -> new long[] {rateLimit, clock.instant().plusSeconds(3600).getEpochSecond()});
    if (clock.instant().getEpochSecond() >= b[1]) {
      b[0] = rateLimit;
      b[1] = clock.instant().plusSeconds(3600).getEpochSecond();
    }
    return b;
  }

  private void answer(
      HttpServerRequest req, String opId, Map<String, String> params, String body, String auth) {
    switch (opId) {
      case "apps/get-org-installation", "apps/get-repo-installation" -> {
        JsonObject j = (JsonObject) contract.example(opId, 200);
        j.put("id", installationId).put("app_id", appId);
        reply(req, auth, 200, Map.of(), j, false);
      }
      case "apps/create-installation-access-token" -> {
        if (Long.parseLong(params.get("installation_id")) != installationId) {
          reply(req, auth, 404, Map.of(), new JsonObject().put("message", "Not Found"), false);
          return;
        }
        String token = "ghs_hangarTest" + tokenCounter.incrementAndGet();
        Instant expires = clock.instant().plus(tokenLifetime);
        tokens.put(token, expires);
        JsonObject j = (JsonObject) contract.example(opId, 201);
        j.put("token", token).put("expires_at", expires.toString());
        reply(req, auth, 201, Map.of(), j, false);
      }
      case "actions/list-self-hosted-runners-for-org", "actions/list-self-hosted-runners-for-repo" ->
          listRunners(req, opId, auth);
      case "actions/generate-runner-jitconfig-for-org",
          "actions/generate-runner-jitconfig-for-repo" -> {
        JsonObject in = new JsonObject(body);
        String name = in.getString("name");
        if (runner(name) != null) {
          reply(req, auth, 409, Map.of(), new JsonObject().put("message", "Already exists - A runner with the name " + name + " already exists."), false);
          return;
        }
        List<String> labels = new ArrayList<>();
        in.getJsonArray("labels").forEach(l -> labels.add((String) l));
        long id = addRunner(name, "offline", false, labels);
        JsonObject j = (JsonObject) contract.example(opId, 201);
        j.getJsonObject("runner").put("id", id).put("name", name).put("labels", labelsJson(labels));
        j.put("encoded_jit_config", "jit-" + id + "-c2VjcmV0");
        reply(req, auth, 201, Map.of(), j, false);
      }
      case "actions/delete-self-hosted-runner-from-org",
          "actions/delete-self-hosted-runner-from-repo" -> {
        long id = Long.parseLong(params.get("runner_id"));
        int outcome;
        String name = null;
        synchronized (runners) { // atomic with assignJob, as on GitHub
          StoredRunner r = runners.get(id);
          if (r == null) {
            outcome = 404;
          } else if (r.busy) {
            outcome = 422;
            name = r.name;
          } else {
            runners.remove(id);
            outcome = 204;
          }
        }
        if (outcome == 404) {
          reply(req, auth, 404, Map.of(), new JsonObject().put("message", "Not Found"), false);
        } else if (outcome == 422) {
          reply(req, auth, 422, Map.of(), new JsonObject()
              .put("message", "Bad request - Runner \"" + name + "\" is still running a job\"")
              .put("documentation_url", "https://docs.github.com/rest"), false);
        } else {
          reply(req, auth, 204, Map.of(), null, false);
        }
      }
      case "actions/list-self-hosted-runner-groups-for-org" ->
          reply(req, auth, 200, Map.of(), contract.example(opId, 200), false);
      case "actions/get-job-for-workflow-run" -> {
        JsonObject j = jobs.get(Long.parseLong(params.get("job_id")));
        if (j == null) {
          reply(req, auth, 404, Map.of(), new JsonObject().put("message", "Not Found"), false);
        } else {
          reply(req, auth, 200, Map.of(), j.copy(), false);
        }
      }
      case "actions/re-run-job-for-workflow-run" -> {
        reruns.add(Long.parseLong(params.get("job_id")));
        reply(req, auth, 201, Map.of(), new JsonObject(), false);
      }
      case "apps/list-webhook-deliveries" -> listDeliveries(req, auth);
      case "apps/redeliver-webhook-delivery" -> redeliver(req, auth, Long.parseLong(params.get("delivery_id")));
      case "repos/get-latest-release" -> {
        JsonObject j = (JsonObject) contract.example(opId, 200);
        j.put("tag_name", latestRunnerTag).put("name", latestRunnerTag);
        reply(req, auth, 200, Map.of(), j, false);
      }
      default -> {
        violations.add(opId + ": Hangar is not expected to call this operation");
        reply(req, auth, 501, Map.of(), new JsonObject().put("message", "not modelled"), false);
      }
    }
  }

  private void listRunners(HttpServerRequest req, String opId, String auth) {
    int perPage = intParam(req, "per_page", 30);
    int page = intParam(req, "page", 1);
    List<StoredRunner> all = new ArrayList<>(runners());
    String name = req.getParam("name");
    if (name != null) {
      all.removeIf(r -> !r.name.equals(name));
    }
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    JsonObject example = (JsonObject) contract.example(opId, 200);
    JsonObject shape = example.getJsonArray("runners").getJsonObject(0);
    JsonArray items = new JsonArray();
    for (StoredRunner r : all.subList(from, to)) {
      items.add(
          shape.copy().put("id", r.id).put("name", r.name).put("status", r.status)
              .put("busy", r.busy).put("ephemeral", true).put("labels", labelsJson(r.labels)));
    }
    JsonObject body = new JsonObject().put("total_count", all.size()).put("runners", items);
    String etag = "W/\"" + Integer.toHexString(body.encode().hashCode()) + "\"";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", etag);
    if (to < all.size()) {
      headers.put("Link", "<" + apiUrl + req.path().substring(basePath.length())
          + "?per_page=" + perPage + "&page=" + (page + 1) + ">; rel=\"next\"");
    }
    if (etag.equals(req.getHeader("If-None-Match"))) {
      // GitHub: a 304 answer to a conditional request does not count against the rate limit.
      respond(req, auth, 304, headers, null, false);
      return;
    }
    reply(req, auth, 200, headers, body, false);
  }

  private void listDeliveries(HttpServerRequest req, String auth) {
    int perPage = intParam(req, "per_page", 30);
    String status = req.getParam("status");
    String cursor = req.getParam("cursor");
    List<StoredDelivery> all = new ArrayList<>(deliveries);
    all.sort((a, b) -> b.deliveredAt().compareTo(a.deliveredAt()));
    if (status != null) {
      all.removeIf(d -> "failure".equals(status) ? d.statusCode() < 400 : d.statusCode() >= 400);
    }
    int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(3));
    int to = Math.min(all.size(), from + perPage);
    JsonObject shape = ((JsonArray) contract.example("apps/list-webhook-deliveries", 200)).getJsonObject(0);
    JsonArray items = new JsonArray();
    for (StoredDelivery d : all.subList(Math.min(from, all.size()), to)) {
      items.add(
          shape.copy().put("id", d.id()).put("guid", d.guid()).put("delivered_at", d.deliveredAt().toString())
              .put("redelivery", d.redelivery()).put("status", d.status()).put("status_code", d.statusCode())
              .put("event", d.event()).put("action", d.action()));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (to < all.size()) {
      headers.put("Link", "<" + apiUrl + "/app/hook/deliveries?per_page=" + perPage
          + (status == null ? "" : "&status=" + status) + "&cursor=v1_" + to + ">; rel=\"next\"");
    }
    reply(req, auth, 200, headers, items, false);
  }

  private void redeliver(HttpServerRequest req, String auth, long id) {
    StoredDelivery original =
        deliveries.stream().filter(d -> d.id() == id).findFirst().orElse(null);
    if (original == null) {
      reply(req, auth, 404, Map.of(), new JsonObject().put("message", "Not Found"), false);
      return;
    }
    reply(req, auth, 202, Map.of(), new JsonObject(), false);
    Function<StoredDelivery, Future<Integer>> target = redeliveryTarget;
    Future<Integer> sent = target == null ? Future.succeededFuture(200) : target.apply(original);
    sent.otherwise(503)
        .onSuccess(code -> addDelivery(original.guid(), clock.instant(), true, code,
            original.event(), original.action(), original.payload()));
  }

  private static int intParam(HttpServerRequest req, String name, int dflt) {
    String v = req.getParam(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  private static JsonArray labelsJson(List<String> labels) {
    JsonArray a = new JsonArray();
    int i = 1;
    for (String l : labels) {
      a.add(new JsonObject().put("id", i++).put("name", l).put("type", "custom"));
    }
    return a;
  }

  private void reply(
      HttpServerRequest req, String auth, int status, Map<String, String> headers, Object body,
      boolean scripted) {
    // GitHub: a 304 does not count against the rate limit, whoever produced it.
    respond(req, auth, status, headers, body, status != 304);
  }

  private void respond(
      HttpServerRequest req, String auth, int status, Map<String, String> headers, Object body,
      boolean counts) {
    var resp = req.response().setStatusCode(status);
    if (!headers.containsKey("x-ratelimit-remaining")) {
      long[] b = bucket(auth);
      if (counts && b[0] > 0 && status != 401) {
        b[0]--;
      }
      resp.putHeader("x-ratelimit-limit", String.valueOf(rateLimit))
          .putHeader("x-ratelimit-remaining", String.valueOf(b[0]))
          .putHeader("x-ratelimit-reset", String.valueOf(b[1]))
          .putHeader("x-ratelimit-used", String.valueOf(rateLimit - b[0]))
          .putHeader("x-ratelimit-resource", "core");
    }
    headers.forEach(resp::putHeader);
    if (body == null) {
      resp.end();
    } else {
      resp.putHeader("Content-Type", "application/json; charset=utf-8");
      resp.end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
    }
  }

  /** The set of runner names (convenience for assertions). */
  public Set<String> runnerNames() {
    Set<String> names = new HashSet<>();
    runners.values().forEach(r -> names.add(r.name));
    return names;
  }
}
