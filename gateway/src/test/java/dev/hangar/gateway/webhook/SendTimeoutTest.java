package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.testing.Webhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.hangar.gateway.testing.StubQueue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A queue that never answers: the webhook gives up after the send timeout with 503. */
@ExtendWith(VertxExtension.class)
class SendTimeoutTest {

  @Test
  void hangingQueueGives503AfterTheTimeout(Vertx vertx, VertxTestContext test) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Pool linux = new Pool("linux", List.of("self-hosted", "linux", "x64"), 5, 0, List.of(new Tier("asg", TierKind.WARM)));
    // An SQS that accepted the connection and hangs: sends stay pending forever.
    StubQueue hanging = new StubQueue(event -> Promise.<Void>promise().future());
    Router router = Router.router(vertx);
    new WebhookHandler(new WebhookSignature(List.of(Webhooks.SECRET)), List.of(linux), hanging,
        Duration.ofMillis(200), new MicrometerRecorders(registry).webhook(), Tracing.none()).mount(router, 1024 * 1024);
    byte[] body = Webhooks.payload(Webhooks.QUEUED);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(server -> WebClient.create(vertx).post(server.actualPort(), "127.0.0.1", "/webhook")
            .putHeader("Content-Type", "application/json")
            .putHeader("X-GitHub-Event", "workflow_job")
            .putHeader("X-GitHub-Delivery", Webhooks.newDeliveryId())
            .putHeader("X-Hub-Signature-256", WebhookSignature.sign(Webhooks.SECRET, body))
            .sendBuffer(Buffer.buffer(body)))
        .onComplete(test.succeeding(r -> test.verify(() -> {
          assertEquals(503, r.statusCode());
          assertEquals("unavailable", r.bodyAsJsonObject().getString("result"));
          assertEquals(1.0, registry.get("hangar.webhook.received").tag("result", "unavailable").counter().count());
          assertNull(registry.find("hangar.webhook.received").tag("result", "accepted").counter());
          test.completeNow();
        })));
  }
}
