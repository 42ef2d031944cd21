package dev.hangar.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.gateway.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sample {@code workflow_job} deliveries (from {@code src/test/resources/webhooks/}, valid
 * against GitHub's schema) and a client that posts them signed, as GitHub does.
 */
public final class Webhooks {
  /** The webhook secret test configurations use. */
  public static final String SECRET = "hangar-test-secret-7f3a9c2e";

  public static final String QUEUED = "workflow_job.queued.json";
  public static final String IN_PROGRESS = "workflow_job.in_progress.json";
  public static final String COMPLETED = "workflow_job.completed.json";
  public static final String QUEUED_GPU = "workflow_job.queued.gpu.json";
  public static final String QUEUED_UNMATCHED = "workflow_job.queued.unmatched.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Webhooks() {}

  /** Raw bytes of a sample payload. */
  public static byte[] payload(String name) {
    try (InputStream in = Webhooks.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample payload changed by {@code edit} (e.g. another job id or other labels). */
  public static byte[] payload(String name, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(payload(name));
      edit.accept(root);
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets {@code workflow_job.id} (and its URLs stay as they are). */
  public static Consumer<ObjectNode> jobId(long id) {
    return root -> ((ObjectNode) root.get("workflow_job")).put("id", id);
  }

  /** A fresh delivery id, as GitHub's GUIDs look. */
  public static String newDeliveryId() {
    return UUID.randomUUID().toString();
  }

  /** Posts a {@code workflow_job} body signed with {@link #SECRET} and a fresh delivery id. */
  public static HttpResponse<String> postSigned(int port, byte[] body) {
    return post(port, "workflow_job", newDeliveryId(), body, WebhookSignature.sign(SECRET, body));
  }

  /** Posts a body; null headers are left out. */
  public static HttpResponse<String> post(int port, String event, String delivery, byte[] body, String signature) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/test")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (event != null) {
      b.header("X-GitHub-Event", event);
    }
    if (delivery != null) {
      b.header("X-GitHub-Delivery", delivery);
    }
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET on the gateway. */
  public static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
