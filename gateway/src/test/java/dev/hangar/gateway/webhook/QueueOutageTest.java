package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With SQS gone the webhook answers 503 and counts nothing as accepted; readiness follows. */
@ExtendWith(VertxExtension.class)
class QueueOutageTest {

  @Test
  void stoppedQueueGives503AndNotReady(Vertx vertx) throws Exception {
    EmbeddedSqs sqs = EmbeddedSqs.start("outage-test.fifo");
    TestGateway app = TestGateway.start(vertx,
            TestConfigs.gateway(sqs.endpoint(), sqs.queueUrl(), "observability: {tracing: {exporter: none}}\npoolLoop: {receiveWaitSeconds: 1}\n"))
        .await(60, TimeUnit.SECONDS);
    try {
      int port = app.port();
      assertEquals(200, Webhooks.get(port, "/healthz").statusCode());
      HttpResponse<String> ready = Webhooks.get(port, "/readyz");
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals(202, Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED)).statusCode());
      assertEquals(1.0, count(app, "accepted"));

      sqs.close();

      HttpResponse<String> r = Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED));
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("unavailable", new JsonObject(r.body()).getString("result"));
      assertEquals(1.0, count(app, "accepted"), "the failed event is not counted as accepted");
      assertEquals(1.0, count(app, "unavailable"));

      HttpResponse<String> notReady = Webhooks.get(port, "/readyz");
      assertEquals(503, notReady.statusCode());
      assertTrue(new JsonObject(notReady.body()).getString("reason").startsWith("queue unreachable"), notReady.body());
      assertEquals(200, Webhooks.get(port, "/healthz").statusCode(), "the process itself is up");

      String metrics = Webhooks.get(port, "/metrics").body();
      assertTrue(metrics.contains("hangar_webhook_received_total{event=\"workflow_job\",result=\"unavailable\"} 1.0"), metrics);
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private static double count(TestGateway app, String result) {
    Counter c = app.registry().find("hangar.webhook.received").tags("result", result).counter();
    return c == null ? 0 : c.count();
  }
}
