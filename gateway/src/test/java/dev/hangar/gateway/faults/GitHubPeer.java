package dev.hangar.gateway.faults;

import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.GitHubTestServer.Reply;
import dev.hangar.gateway.testing.IdentityDocuments;
import dev.hangar.gateway.testing.TestAppKeys;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub for the fault suite ({@code make faults}), as its own process: the {@link
 * GitHubTestServer} (every request validated against GitHub's OpenAPI description) plus an
 * admin API on a second port that the suite's harness drives:
 *
 * <ul>
 *   <li>what GitHub itself does: queue jobs and hand them to runners that ask ({@code acquire},
 *       one job per ephemeral runner, busy until {@code finish}); record webhook deliveries (a
 *       lost one as failed, so the gateway's redelivery can find it) and redeliver them to the
 *       gateways; re-runs requested by the gateway;
 *   <li>faults: bursts of any status for the next N calls ({@code 5xx}, {@code 429} with
 *       {@code retry-after}), an exhausted rate limit until a reset ({@code 403} with {@code
 *       x-ratelimit-remaining: 0}), slow answers;
 *   <li>the AWS instance identity documents of the runner stand-ins, signed by a test CA whose
 *       certificate the gateways trust ({@code agentApi.identityCertificates}).
 * </ul>
 *
 * <p>Run: {@code GitHubPeer --dir DIR --app-id N}; writes {@code DIR/github-peer.json} with the
 * API URL, the admin URL, the App key file and the identity certificate file.
 */
public final class GitHubPeer {
  private final Vertx vertx;
  private final GitHubTestServer github;
  private final IdentityDocuments signer;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Queued jobs GitHub has not handed to a runner yet, in order. */
  private final LinkedHashMap<Long, JsonObject> queued = new LinkedHashMap<>();
  private final Map<Long, JsonObject> allJobs = new HashMap<>();
  private final AtomicInteger rr = new AtomicInteger();
  private volatile List<String> targets = List.of();
  private volatile String secret = "";

  private GitHubPeer(Vertx vertx, GitHubTestServer github, IdentityDocuments signer) {
    this.vertx = vertx;
    this.github = github;
    this.signer = signer;
    github.redeliveryTarget(this::deliver);
  }

  public static void main(String[] args) throws Exception {
    Path dir = null;
    long appId = 4242;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--app-id" -> appId = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("usage: GitHubPeer --dir DIR [--app-id N]");
    }
    Files.createDirectories(dir);
    Vertx vertx = Vertx.vertx();
    GitHubTestServer github = GitHubTestServer.start(
            vertx, appId, TestAppKeys.pair().getPublic(), Clock.systemUTC(), "")
        .await(30, TimeUnit.SECONDS);
    IdentityDocuments signer = IdentityDocuments.newSigner("Hangar faults AWS identity");
    GitHubPeer peer = new GitHubPeer(vertx, github, signer);
    HttpServer admin = vertx.createHttpServer().requestHandler(peer::admin)
        .listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    Path key = dir.resolve("app-key.pem");
    Files.writeString(key, TestAppKeys.pkcs1Pem());
    Path cert = dir.resolve("identity-cert.pem");
    Files.writeString(cert, signer.certificatePem());
    JsonObject info = new JsonObject()
        .put("apiUrl", github.apiUrl())
        .put("adminUrl", "http://127.0.0.1:" + admin.actualPort())
        .put("appId", appId)
        .put("privateKeyFile", key.toString())
        .put("identityCertificate", cert.toString());
    Path out = dir.resolve("github-peer.json");
    Path tmp = dir.resolve("github-peer.json.tmp");
    Files.writeString(tmp, info.encodePrettily());
    Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("github peer: " + info.encode());
  }

  // ---- admin API -----------------------------------------------------------------------

  private void admin(HttpServerRequest req) {
    req.body().onSuccess(buf -> {
      JsonObject in = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
      try {
        route(req, in);
      } catch (RuntimeException e) {
        send(req, 500, new JsonObject().put("error", e.toString()));
      }
    });
  }

  private void route(HttpServerRequest req, JsonObject in) {
    String p = req.path();
    switch (req.method().name() + " " + p) {
      case "GET /state" -> send(req, 200, state(req.getParam("full") != null));
      case "POST /faults/status" -> {
        // {status, count, headers}: the next `count` calls of any operation answer `status`.
        Map<String, String> headers = new HashMap<>();
        in.getJsonObject("headers", new JsonObject()).forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
        int n = in.getInteger("count", 1);
        Reply r = new Reply(in.getInteger("status"), headers,
            new JsonObject().put("message", in.getString("message", "Server Error")));
        Reply[] rs = new Reply[n];
        java.util.Arrays.fill(rs, r);
        github.scriptAny(rs);
        send(req, 200, new JsonObject().put("scripted", n));
      }
      case "POST /faults/ratelimit" -> {
        github.exhaustRateLimit(Instant.now().plusSeconds(in.getInteger("seconds", 10)));
        send(req, 200, new JsonObject());
      }
      case "POST /faults/delay" -> {
        github.delay(Duration.ofMillis(in.getLong("millis", 0L)));
        send(req, 200, new JsonObject());
      }
      case "POST /identity/document" -> send(req, 200, new JsonObject().put("document",
          signer.rsa2048(in.getString("instanceId"), in.getString("region", "us-east-1"),
              in.getString("accountId", "123456789012"), in.getString("pendingTime"))));
      case "POST /webhooks/target" -> {
        List<String> urls = new ArrayList<>();
        in.getJsonArray("urls").forEach(u -> urls.add((String) u));
        targets = List.copyOf(urls);
        secret = in.getString("secret");
        send(req, 200, new JsonObject());
      }
      case "POST /webhooks/delivery" -> {
        long id = github.addDelivery(in.getString("guid"), Instant.now(), false,
            in.getInteger("statusCode"), in.getString("event", "workflow_job"), in.getString("action"),
            in.getJsonObject("payload"));
        send(req, 200, new JsonObject().put("id", id));
      }
      case "POST /jobs/queue" -> {
        queueJob(in);
        send(req, 200, new JsonObject());
      }
      case "POST /jobs/cancel" -> {
        boolean removed;
        synchronized (this) {
          long id = in.getLong("jobId");
          removed = queued.remove(id) != null;
          JsonObject j = allJobs.get(id);
          if (removed && j != null) {
            github.putJob(j.getString("repository"), id, j.getLong("runId"), "completed", "cancelled",
                labelsOf(j), Instant.now());
          }
        }
        send(req, 200, new JsonObject().put("cancelled", removed));
      }
      case "POST /runners/online" -> {
        GitHubTestServer.StoredRunner r = github.runner(in.getString("name"));
        if (r == null) {
          send(req, 404, new JsonObject().put("error", "no such runner"));
        } else {
          r.status = "online";
          send(req, 200, new JsonObject());
        }
      }
      case "POST /runners/acquire" -> acquire(req, in.getString("name"));
      case "POST /runners/finish" -> finish(req, in);
      default -> send(req, 404, new JsonObject().put("error", "no route " + req.method() + " " + p));
    }
  }

  private synchronized void queueJob(JsonObject job) {
    long id = job.getLong("jobId");
    List<String> labels = new ArrayList<>();
    job.getJsonArray("labels").forEach(l -> labels.add((String) l));
    github.putJob(job.getString("repository"), id, job.getLong("runId"), "queued", null, labels, Instant.now());
    queued.put(id, job);
    allJobs.put(id, job);
  }

  /** A runner asks for a job, as the actions runner long-polls GitHub. */
  private void acquire(HttpServerRequest req, String name) {
    JsonObject picked = null;
    synchronized (this) {
      GitHubTestServer.StoredRunner r = github.runner(name);
      if (r == null) {
        send(req, 404, new JsonObject().put("error", "runner deleted"));
        return;
      }
      if (r.busy) {
        send(req, 409, new JsonObject().put("error", "runner busy"));
        return;
      }
      for (JsonObject j : queued.values()) {
        if (matches(j.getJsonArray("labels"), r.labels)) {
          picked = j;
          break;
        }
      }
      if (picked != null && !github.assignJob(name)) {
        send(req, 404, new JsonObject().put("error", "runner deleted"));
        return;
      }
      if (picked != null) {
        queued.remove(picked.getLong("jobId"));
        github.putJob(picked.getString("repository"), picked.getLong("jobId"), picked.getLong("runId"),
            "in_progress", null, labelsOf(picked), Instant.now());
      }
    }
    if (picked == null) {
      send(req, 204, null);
    } else {
      send(req, 200, picked);
    }
  }

  private void finish(HttpServerRequest req, JsonObject in) {
    String name = in.getString("name");
    long jobId = in.getLong("jobId");
    synchronized (this) {
      JsonObject j = allJobs.get(jobId);
      if (j != null) {
        github.putJob(j.getString("repository"), jobId, j.getLong("runId"), "completed",
            in.getString("conclusion", "success"), labelsOf(j), Instant.now());
      }
      GitHubTestServer.StoredRunner r = github.runner(name);
      if (r != null) {
        r.busy = false;
        // An ephemeral runner is removed by GitHub after its one job.
        github.forgetRunner(r.id);
      }
    }
    send(req, 200, new JsonObject());
  }

  private static List<String> labelsOf(JsonObject j) {
    List<String> l = new ArrayList<>();
    j.getJsonArray("labels").forEach(x -> l.add((String) x));
    return l;
  }

  private static boolean matches(JsonArray wanted, List<String> have) {
    for (Object w : wanted) {
      boolean found = false;
      for (String h : have) {
        if (h.equalsIgnoreCase((String) w)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private synchronized JsonObject state(boolean full) {
    Map<String, Integer> byOp = new LinkedHashMap<>();
    for (GitHubTestServer.Recorded r : github.requests()) {
      byOp.merge(r.operationId(), 1, Integer::sum);
    }
    JsonArray runners = new JsonArray();
    for (GitHubTestServer.StoredRunner r : github.runners()) {
      runners.add(new JsonObject().put("id", r.id).put("name", r.name).put("status", r.status).put("busy", r.busy));
    }
    JsonArray deliveries = new JsonArray();
    if (full) {
      for (GitHubTestServer.StoredDelivery d : github.deliveries()) {
        deliveries.add(new JsonObject().put("id", d.id()).put("guid", d.guid())
            .put("redelivery", d.redelivery()).put("statusCode", d.statusCode()).put("action", d.action()));
      }
    }
    JsonObject ops = new JsonObject();
    byOp.forEach(ops::put);
    return new JsonObject()
        .put("requests", ops)
        .put("limitedRequests", github.limitedRequests())
        .put("violations", new JsonArray(github.violations()))
        .put("runners", runners)
        .put("reruns", new JsonArray(github.reruns()))
        .put("queued", queued.size())
        .put("deliveries", deliveries)
        .put("scriptedLeft", github.scriptedAnyLeft());
  }

  // ---- webhook redelivery ----------------------------------------------------------------

  /** GitHub redelivers to the hook's URL: here the gateways in turn, skipping one that is down. */
  private Future<Integer> deliver(GitHubTestServer.StoredDelivery d) {
    List<String> urls = targets;
    if (urls.isEmpty()) {
      return Future.succeededFuture(502);
    }
    byte[] body = d.payload().encode().getBytes(StandardCharsets.UTF_8);
    int start = Math.floorMod(rr.getAndIncrement(), urls.size());
    return vertx.executeBlocking(() -> {
      int last = 502;
      for (int k = 0; k < urls.size(); k++) {
        String url = urls.get((start + k) % urls.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("User-Agent", "GitHub-Hookshot/faults")
            .header("X-GitHub-Event", d.event())
            .header("X-GitHub-Delivery", d.guid())
            .header("X-Hub-Signature-256", WebhookSignature.sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        try {
          return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
          last = 502; // connection refused or reset: try the next gateway, as a load balancer would
        }
      }
      return last;
    }, false);
  }

  private static void send(HttpServerRequest req, int status, JsonObject body) {
    var resp = req.response().setStatusCode(status);
    if (body == null) {
      resp.end();
    } else {
      resp.putHeader("Content-Type", "application/json").end(body.encode());
    }
  }
}
