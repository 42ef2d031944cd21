package dev.hangar.local.demo;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts {@code workflow_job} webhooks, signed like GitHub signs them ({@code
 * X-Hub-Signature-256}: HMAC-SHA256 of the raw body), to the gateway's real {@code POST
 * /webhook}. The secret never leaves this object.
 */
final class WebhookPoster {
  private final WebClient client;
  private final int port;
  private final byte[] secret;
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong refused = new AtomicLong();

  WebhookPoster(WebClient client, int port, String secret) {
    this.client = client;
    this.port = port;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  Future<Integer> post(JobEvent e) {
    Buffer body = Buffer.buffer(payload(e).encode());
    return client
        .post(port, "127.0.0.1", "/webhook")
        .putHeader("content-type", "application/json")
        .putHeader("X-GitHub-Event", "workflow_job")
        .putHeader("X-GitHub-Delivery", UUID.randomUUID().toString())
        .putHeader("X-Hub-Signature-256", "sha256=" + sign(body.getBytes()))
        .sendBuffer(body)
        .map(
            r -> {
              (r.statusCode() == 202 ? accepted : refused).incrementAndGet();
              return r.statusCode();
            });
  }

  static JsonObject payload(JobEvent e) {
    String repo = e.repository();
    String name = repo.substring(repo.indexOf('/') + 1);
    return new JsonObject()
        .put("action", e.status().wireName())
        .put(
            "workflow_job",
            new JsonObject()
                .put("id", e.jobId())
                .put("run_id", e.runId())
                .put("run_attempt", e.runAttempt())
                .put("status", e.status().wireName())
                .put("conclusion", e.conclusion())
                .put("created_at", e.createdAt() == null ? null : e.createdAt().toString())
                .put("started_at", e.startedAt() == null ? null : e.startedAt().toString())
                .put("completed_at", e.completedAt() == null ? null : e.completedAt().toString())
                .put("name", "build")
                .put("workflow_name", "CI")
                .put("labels", new JsonArray(e.labels()))
                .put("runner_name", e.status() == JobStatus.QUEUED ? null : e.runnerName()))
        .put(
            "repository",
            new JsonObject()
                .put("name", name)
                .put("full_name", repo)
                .put("owner", new JsonObject().put("login", e.owner())));
  }

  private String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
