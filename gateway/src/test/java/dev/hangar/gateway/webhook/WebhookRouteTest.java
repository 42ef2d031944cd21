package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.LogCapture;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code POST /webhook} against a real gateway and embedded ElasticMQ. */
@ExtendWith(VertxExtension.class)
class WebhookRouteTest {
  private static EmbeddedSqs sqs;
  private static TestGateway app;
  private static LogCapture logs;
  private static int port;
  private static software.amazon.awssdk.services.sqs.SqsAsyncClient admin;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    logs = new LogCapture();
    sqs = EmbeddedSqs.start("webhook-route-test.fifo");
    app = TestGateway.start(vertx, TestConfigs.gateway(sqs.endpoint(), sqs.queueUrl(), TestConfigs.WEBHOOK_ONLY))
        .await(60, TimeUnit.SECONDS);
    port = app.port();
    admin = sqs.newClient();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      assertFalse(logs.allText().contains(Webhooks.SECRET), "secret in logs");
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
      admin.close();
      sqs.close();
      logs.close();
    }
  }

  @BeforeEach
  void emptyQueue() {
    admin.purgeQueue(b -> b.queueUrl(sqs.queueUrl())).join();
    assertEquals(0, messagesInQueue());
  }

  @Test
  void matchedJobIsQueuedForItsPoolThenAccepted() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    String delivery = Webhooks.newDeliveryId();
    double before = count("workflow_job", "accepted");

    HttpResponse<String> r = Webhooks.post(port, "workflow_job", delivery, body, WebhookSignature.sign(Webhooks.SECRET, body));

    assertEquals(202, r.statusCode(), r.body());
    assertEquals("accepted", new JsonObject(r.body()).getString("result"));
    assertTrue(new JsonObject(r.body()).getString("reason").contains("linux"));
    var messages = app.queue().receive(10, Duration.ofSeconds(2)).await();
    assertEquals(1, messages.size());
    var queued = messages.get(0).event();
    assertEquals("linux", queued.pool());
    assertEquals(delivery, queued.deliveryId());
    assertEquals(30433642761L, queued.event().jobId());
    assertEquals(List.of("self-hosted", "linux", "x64"), queued.event().labels());
    assertTrue(queued.traceContext().containsKey("traceparent"), queued.traceContext().toString());
    assertEquals(before + 1, count("workflow_job", "accepted"));
  }

  @Test
  void secondPoolGetsItsJobsAndLabelsMatchIgnoringCase() {
    HttpResponse<String> r = Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED_GPU));

    assertEquals(202, r.statusCode(), r.body());
    var messages = app.queue().receive(10, Duration.ofSeconds(2)).await();
    assertEquals(1, messages.size());
    assertEquals("gpu", messages.get(0).event().pool());
  }

  @Test
  void sameDeliveryTwiceIsStoredOnce() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    String delivery = Webhooks.newDeliveryId();
    String sig = WebhookSignature.sign(Webhooks.SECRET, body);

    assertEquals(202, Webhooks.post(port, "workflow_job", delivery, body, sig).statusCode());
    assertEquals(202, Webhooks.post(port, "workflow_job", delivery, body, sig).statusCode());

    assertEquals(1, messagesInQueue());
  }

  @Test
  void rotatedSecretsBothWork() throws Exception {
    EmbeddedSqs own = EmbeddedSqs.start("rotation-test.fifo");
    Vertx vertx = Vertx.vertx();
    try {
      var config = dev.hangar.gateway.config.ConfigLoader.parse("""
          server: {host: 127.0.0.1, port: 0}
          github: {webhookSecrets: ["old-secret-1", "new-secret-2"]}
          queue: {url: "%s", endpoint: "%s"}
          """.formatted(own.queueUrl(), own.endpoint()) + TestConfigs.POOLS + TestConfigs.WEBHOOK_ONLY, java.util.Map.of(), true);
      TestGateway rotating = TestGateway.start(vertx, config).await(60, TimeUnit.SECONDS);
      byte[] body = Webhooks.payload(Webhooks.QUEUED);
      for (String secret : List.of("old-secret-1", "new-secret-2")) {
        var r = Webhooks.post(rotating.port(), "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(secret, body));
        assertEquals(202, r.statusCode(), secret);
      }
      var wrong = Webhooks.post(rotating.port(), "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body));
      assertEquals(401, wrong.statusCode());
      rotating.stop().await(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      own.close();
    }
  }

  @Test
  void unmatchedLabelsAreIgnoredAndCounted() {
    double before = count("workflow_job", "unmatched");

    HttpResponse<String> r = Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED_UNMATCHED));

    assertRejected(r, 202, "unmatched", "no pool");
    assertEquals(before + 1, count("workflow_job", "unmatched"));
  }

  @Test
  void pingAnswers200() {
    byte[] body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = Webhooks.post(port, "ping", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body));
    assertRejected(r, 200, "ping", "pong");
  }

  @Test
  void otherEventsAreIgnored() {
    byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = Webhooks.post(port, "pull_request", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body));
    assertRejected(r, 202, "ignored", "not workflow_job");
  }

  @Test
  void missingSignatureIs401() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, null), 401, "unauthorized", "signature");
  }

  @Test
  void wrongSignatureIs401() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, "sha256=" + "0".repeat(64)),
        401, "unauthorized", "signature");
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, "sha1=abc"),
        401, "unauthorized", "signature");
  }

  @Test
  void signatureOfOtherBytesIs401() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    byte[] other = Webhooks.payload(Webhooks.QUEUED_GPU);
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, other)),
        401, "unauthorized", "signature");
  }

  @Test
  void wrongSecretIs401() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign("not-the-secret", body)),
        401, "unauthorized", "signature");
  }

  @Test
  void bodyOverTheLimitIs413() {
    byte[] body = new byte[1024 * 1024 + 1];
    Arrays.fill(body, (byte) ' ');
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body)),
        413, "too_large", "exceeds 1048576 bytes");
  }

  @Test
  void truncatedJsonIs400() {
    byte[] full = Webhooks.payload(Webhooks.QUEUED);
    byte[] body = Arrays.copyOf(full, full.length / 2);
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body)),
        400, "bad_request", "not valid JSON");
  }

  @Test
  void validJsonOfTheWrongShapeIs400() {
    for (String json : List.of("[1,2,3]", "{\"action\":\"queued\"}", "{\"action\":\"queued\",\"workflow_job\":{\"id\":\"x\"}}")) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body)),
          400, "bad_request", "");
    }
    byte[] noLabels = Webhooks.payload(Webhooks.QUEUED, root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("workflow_job")).remove("labels"));
    assertRejected(Webhooks.postSigned(port, noLabels), 400, "bad_request", "workflow_job.labels");
  }

  @Test
  void hugeLabelListsAre400() {
    byte[] many = Webhooks.payload(Webhooks.QUEUED, root -> {
      var labels = ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("workflow_job")).putArray("labels");
      for (int i = 0; i < 10_000; i++) {
        labels.add("label-" + i);
      }
    });
    assertRejected(Webhooks.postSigned(port, many), 400, "bad_request", "more than 64 labels");
    byte[] longLabel = Webhooks.payload(Webhooks.QUEUED, root ->
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("workflow_job")).putArray("labels").add("x".repeat(5000)));
    assertRejected(Webhooks.postSigned(port, longLabel), 400, "bad_request", "longer than 256");
  }

  @Test
  void nonUtf8BytesAre400() {
    byte[] good = Webhooks.payload(Webhooks.QUEUED);
    byte[] body = Arrays.copyOf(good, good.length);
    String text = new String(good, StandardCharsets.UTF_8);
    int at = text.indexOf("build (ubuntu)");
    body[at] = (byte) 0xC3; // a lead byte followed by ASCII: malformed UTF-8
    assertRejected(Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), body, WebhookSignature.sign(Webhooks.SECRET, body)),
        400, "bad_request", "not UTF-8");
  }

  @Test
  void formEncodedDeliveriesAre415() throws Exception {
    byte[] body = ("payload=" + java.net.URLEncoder.encode(new String(Webhooks.payload(Webhooks.QUEUED), StandardCharsets.UTF_8),
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/webhook"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-GitHub-Event", "workflow_job")
        .header("X-GitHub-Delivery", Webhooks.newDeliveryId())
        .header("X-Hub-Signature-256", WebhookSignature.sign(Webhooks.SECRET, body))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertRejected(r, 415, "unsupported_media_type", "application/json");
  }

  @Test
  void missingDeliveryIdIs400() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    assertRejected(Webhooks.post(port, "workflow_job", null, body, WebhookSignature.sign(Webhooks.SECRET, body)),
        400, "bad_request", "X-GitHub-Delivery");
  }

  private static void assertRejected(HttpResponse<String> r, int status, String result, String reasonPart) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null));
    JsonObject body = new JsonObject(r.body());
    assertEquals(result, body.getString("result"));
    assertTrue(body.getString("reason").contains(reasonPart), body.getString("reason"));
    assertFalse(r.body().contains(Webhooks.SECRET));
    assertEquals(0, messagesInQueue(), "nothing reaches the queue");
  }

  private static int messagesInQueue() {
    var attrs = admin
        .getQueueAttributes(b -> b.queueUrl(sqs.queueUrl()).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .join().attributes();
    return Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static double count(String event, String result) {
    Counter c = app.registry().find("hangar.webhook.received").tags("event", event, "result", result).counter();
    return c == null ? 0 : c.count();
  }
}
