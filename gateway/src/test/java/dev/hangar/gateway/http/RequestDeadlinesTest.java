package dev.hangar.gateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.testing.Webhooks;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients against a gateway with a 2 s idle timeout and a 1 s request timeout,
 * over raw TCP so the test controls every byte and its timing.
 */
class RequestDeadlinesTest {
  private static final int IDLE_SECONDS = 2;
  private static final int REQUEST_SECONDS = 1;

  private static Vertx vertx;
  private static EmbeddedSqs sqs;
  private static TestGateway app;
  private static NetClient client;
  private Client conn;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    sqs = EmbeddedSqs.start("request-deadlines-test.fifo");
    var config = ConfigLoader.parse("""
        server: {host: 127.0.0.1, port: 0, idleTimeoutSeconds: %d, requestTimeoutSeconds: %d}
        github: {webhookSecrets: ["%s"]}
        queue: {url: "%s", endpoint: "%s"}
        ledger: {type: memory}
        """.formatted(IDLE_SECONDS, REQUEST_SECONDS, Webhooks.SECRET, sqs.queueUrl(), sqs.endpoint())
        + TestConfigs.POOLS + TestConfigs.WEBHOOK_ONLY, Map.of(), true);
    app = TestGateway.start(vertx, config)
        .await(60, TimeUnit.SECONDS);
    client = vertx.createNetClient();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      app.stop().await(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
      sqs.close();
    }
  }

  @AfterEach
  void closeClient() {
    if (conn != null) {
      conn.stopTrickle();
      conn.socket.close();
    }
  }

  @Test
  void keptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    conn = connect();
    conn.write(ping());
    await().atMost(Duration.ofSeconds(10)).until(() -> conn.received().contains("\"result\":\"ping\""));
    long answeredAt = System.nanoTime();

    await().atMost(Duration.ofSeconds(IDLE_SECONDS + 2)).until(conn::closed);
    // The request deadlines would close it only after idle + request timeout, twice over.
    long openFor = conn.closedAt.get() - answeredAt;
    assertTrue(openFor < TimeUnit.SECONDS.toNanos(IDLE_SECONDS + REQUEST_SECONDS), "open for " + openFor / 1_000_000 + " ms");
  }

  @Test
  void connectionThatSendsNothingIsClosedByTheRequestDeadline() throws Exception {
    conn = connect();
    await().atMost(Duration.ofSeconds(REQUEST_SECONDS + 3)).until(conn::closed);
    assertTrue(conn.openMillis() < (IDLE_SECONDS + REQUEST_SECONDS) * 1000L, conn.openMillis() + " ms");
  }

  @Test
  void headersTrickledFasterThanTheIdleTimeoutAreStillCutAtTheRequestDeadline() throws Exception {
    conn = connect();
    conn.write("POST /webhook HTTP/1.1\r\nHost: gateway\r\nX-Slow: ");
    conn.trickle(300); // a byte every 0.3 s keeps the 2 s idle timeout from ever firing

    await().atMost(Duration.ofSeconds(REQUEST_SECONDS + 4)).until(conn::closed);
    assertTrue(conn.openMillis() >= REQUEST_SECONDS * 1000L - 100, conn.openMillis() + " ms");
    assertFalse(conn.received().contains("HTTP/1.1 2"), conn.received());
  }

  @Test
  void bodyShorterThanItsContentLengthGets408WithinTheDeadline() throws Exception {
    conn = connect();
    conn.write("POST /webhook HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "X-GitHub-Event: workflow_job\r\nContent-Length: 1000\r\n\r\n{\"action\":");

    await().atMost(Duration.ofSeconds(REQUEST_SECONDS + 4)).until(conn::closed);
    String received = conn.received();
    assertTrue(received.startsWith("HTTP/1.1 408 "), received);
    assertTrue(received.contains("application/json"), received);
    JsonObject body = new JsonObject(received.substring(received.indexOf("\r\n\r\n") + 4));
    assertEquals("timeout", body.getString("result"));
    assertTrue(body.getString("reason").contains(REQUEST_SECONDS + " s"), body.getString("reason"));
    assertTrue(conn.openMillis() < IDLE_SECONDS * 1000L, "closed by the deadline, not the idle timeout: " + conn.openMillis());
  }

  @Test
  void bodyTrickledFasterThanTheIdleTimeoutIsCutAtTheDeadline() throws Exception {
    conn = connect();
    conn.write("POST /webhook HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "X-GitHub-Event: workflow_job\r\nContent-Length: 100000\r\n\r\n");
    conn.trickle(300);

    await().atMost(Duration.ofSeconds(REQUEST_SECONDS + 4)).until(conn::closed);
    assertTrue(conn.received().startsWith("HTTP/1.1 408 "), conn.received());
  }

  @Test
  void nextRequestTrickledOnAKeptAliveConnectionIsCut() throws Exception {
    conn = connect();
    conn.write(ping());
    await().atMost(Duration.ofSeconds(10)).until(() -> conn.received().contains("\"result\":\"ping\""));
    conn.write("POST /webhook HTTP/1.1\r\nHost: gateway\r\nX-Slow: ");
    conn.trickle(300);

    // Bounded by twice the idle plus request timeout after the answer.
    await().atMost(Duration.ofSeconds(2 * (IDLE_SECONDS + REQUEST_SECONDS) + 3)).until(conn::closed);
  }

  @Test
  void promptRequestsOnOneConnectionAreAnswered() throws Exception {
    conn = connect();
    conn.write(ping());
    await().atMost(Duration.ofSeconds(10)).until(() -> conn.received().contains("\"result\":\"ping\""));
    conn.write(ping());
    await().atMost(Duration.ofSeconds(10)).until(() -> conn.received().split("\"result\":\"ping\"", -1).length == 3);
    assertFalse(conn.closed());
  }

  private static String ping() {
    String body = "{\"zen\":\"Half measures are as bad as nothing at all.\",\"hook_id\":1}";
    return "POST /webhook HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nX-GitHub-Event: ping\r\n"
        + "X-Hub-Signature-256: " + WebhookSignature.sign(Webhooks.SECRET, body.getBytes(StandardCharsets.UTF_8)) + "\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private static Client connect() throws Exception {
    NetSocket socket = client.connect(app.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
    return new Client(socket);
  }

  /** A raw connection recording what it received and when it was closed. */
  private static final class Client {
    final NetSocket socket;
    final long openedAt = System.nanoTime();
    final AtomicLong closedAt = new AtomicLong();
    final StringBuffer in = new StringBuffer();
    volatile long trickleTimer = -1;

    Client(NetSocket socket) {
      this.socket = socket;
      socket.handler(b -> in.append(b.toString(StandardCharsets.ISO_8859_1)));
      socket.closeHandler(v -> closedAt.set(System.nanoTime()));
    }

    void write(String s) {
      socket.write(Buffer.buffer(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    void trickle(long periodMillis) {
      trickleTimer = vertx.setPeriodic(periodMillis, id -> {
        if (!closed()) {
          socket.write(Buffer.buffer("x"));
        }
      });
    }

    void stopTrickle() {
      if (trickleTimer != -1) {
        vertx.cancelTimer(trickleTimer);
      }
    }

    boolean closed() {
      return closedAt.get() != 0;
    }

    long openMillis() {
      return (closedAt.get() - openedAt) / 1_000_000;
    }

    String received() {
      return in.toString();
    }
  }
}
