package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.LogCapture;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.testing.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code /webhook} answers before its handler runs: media types other than JSON (never
 * decoded, signed or not) and the router's and HTTP codec's refusals, all with the JSON body.
 */
@ExtendWith(VertxExtension.class)
class WebhookEdgeTest {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private static EmbeddedSqs sqs;
  private static TestGateway app;
  private static LogCapture logs;
  private static int port;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    logs = new LogCapture();
    sqs = EmbeddedSqs.start("webhook-edge-test.fifo");
    app = TestGateway.start(vertx, TestConfigs.gateway(sqs.endpoint(), sqs.queueUrl(), TestConfigs.WEBHOOK_ONLY))
        .await(60, TimeUnit.SECONDS);
    port = app.port();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      String text = logs.allText();
      assertFalse(text.contains(Webhooks.SECRET), "secret in logs");
      assertFalse(text.contains("webhook request failed"), "no refused request ends in an internal error");
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
      sqs.close();
      logs.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "application/x-www-form-urlencoded",
      "Application/X-Www-Form-Urlencoded",
      "MULTIPART/FORM-DATA; boundary=b",
      "multipart/form-data; boundary=b",
      "text/plain",
      "application/jsonx",
      "application/json-patch+json"})
  void otherMediaTypesAre415SignedOrNot(String type) {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    for (String signature : new String[] {null, WebhookSignature.sign(Webhooks.SECRET, body)}) {
      assertJson(post(type, body, signature), 415, "unsupported_media_type", "application/json");
    }
  }

  @Test
  void missingContentTypeIs415SignedOrNot() {
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    double before = count("unsupported_media_type");
    assertJson(post(null, body, null), 415, "unsupported_media_type", "application/json");
    assertJson(post(null, body, WebhookSignature.sign(Webhooks.SECRET, body)), 415, "unsupported_media_type", "application/json");
    assertEquals(before + 2, count("unsupported_media_type"));
  }

  @Test
  void jsonIsRecognisedInAnyCaseAndWithParameters() {
    byte[] body = "{\"zen\":\"Design for failure.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
    for (String type : new String[] {"application/json", "Application/JSON; charset=utf-8", " application/json ;charset=UTF-8"}) {
      HttpResponse<String> r = send(request("/webhook", type, body, WebhookSignature.sign(Webhooks.SECRET, body))
          .setHeader("X-GitHub-Event", "ping"));
      assertJson(r, 200, "ping", "pong");
    }
  }

  @Test
  void formWithManyFieldsInMixedCaseIs415Not500() {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i < 257; i++) {
      form.append(i == 0 ? "" : "&").append("f").append(i).append("=v");
    }
    byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
    assertJson(post("Application/X-Www-Form-Urlencoded", body, null), 415, "unsupported_media_type", "application/json");
    assertJson(post("Application/X-Www-Form-Urlencoded", body, WebhookSignature.sign(Webhooks.SECRET, body)),
        415, "unsupported_media_type", "application/json");
  }

  @Test
  void multipartWithManyPartsIs415Not500() {
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      parts.append("--b\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\nv\r\n");
    }
    parts.append("--b--\r\n");
    byte[] body = parts.toString().getBytes(StandardCharsets.UTF_8);
    assertJson(post("MULTIPART/FORM-DATA; boundary=b", body, null), 415, "unsupported_media_type", "application/json");
    assertJson(post("multipart/form-data; boundary=b", body, WebhookSignature.sign(Webhooks.SECRET, body)),
        415, "unsupported_media_type", "application/json");
  }

  @Test
  void unknownPathsBelowWebhookAre404WithJson() {
    double before = count("not_found");
    assertJson(send(HttpRequest.newBuilder(uri("/webhook/x")).GET()), 404, "not_found", "no such path");
    assertJson(post("/webhook/x/y", "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 404, "not_found", "");
    assertEquals(before + 2, count("not_found"));
  }

  @Test
  void otherMethodsOnWebhookAre405WithJson() {
    double before = count("method_not_allowed");
    assertJson(send(HttpRequest.newBuilder(uri("/webhook")).GET()), 405, "method_not_allowed", "");
    assertJson(send(HttpRequest.newBuilder(uri("/webhook")).PUT(HttpRequest.BodyPublishers.ofString("{}"))
        .header("Content-Type", "application/json")), 405, "method_not_allowed", "");
    assertEquals(before + 2, count("method_not_allowed"));
  }

  @Test
  void otherUnknownPathsAre404WithJsonToo() {
    assertJson(send(HttpRequest.newBuilder(uri("/nowhere")).GET()), 404, "not_found", "");
  }

  @Test
  void bodyOverTheLimitIs413WithJson() {
    byte[] body = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    assertJson(post("application/json", body, null), 413, "too_large", "exceeds");
  }

  @Test
  void requestLineTooLongIs414WithJson() {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/webhook?q=" + "a".repeat(5000)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertJson(r, 414, "uri_too_long", "request line");
  }

  @Test
  void headersTooLargeAre431WithJsonAndCounted() {
    double before = count("headers_too_large");
    HttpResponse<String> r = send(request("/webhook", "application/json", "{}".getBytes(StandardCharsets.UTF_8), null)
        .header("X-Padding", "p".repeat(9000)));
    assertJson(r, 431, "headers_too_large", "headers");
    assertEquals(before + 1, count("headers_too_large"));
  }

  private static HttpResponse<String> post(String contentType, byte[] body, String signature) {
    return send(request("/webhook", contentType, body, signature));
  }

  private static HttpResponse<String> post(String path, String contentType, byte[] body) {
    return send(request(path, contentType, body, null));
  }

  private static HttpRequest.Builder request(String path, String contentType, byte[] body, String signature) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("X-GitHub-Event", "workflow_job")
        .header("X-GitHub-Delivery", Webhooks.newDeliveryId())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    return b;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertJson(HttpResponse<String> r, int status, String result, String reasonPart) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null), r.body());
    JsonObject body = new JsonObject(r.body());
    assertEquals(result, body.getString("result"), r.body());
    assertTrue(body.getString("reason").contains(reasonPart), body.getString("reason"));
  }

  private static double count(String result) {
    return app.registry().find("hangar.webhook.received").tag("result", result).counters().stream()
        .mapToDouble(Counter::count).sum();
  }
}
