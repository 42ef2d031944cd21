package dev.hangar.gateway.observability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace from the webhook through the SQS send (context in the message attributes) to a
 * consumer span built from the received attributes, as the job consumer builds it.
 */
@ExtendWith(VertxExtension.class)
class TracingChainTest {

  @Test
  void webhookToSqsToConsumerIsOneTrace(Vertx vertx) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    Tracing tracing = Tracing.withExporter(spans);
    EmbeddedSqs sqs = EmbeddedSqs.start("tracing-test.fifo");
    TestGateway app = TestGateway.start(vertx, TestConfigs.gateway(sqs.endpoint(), sqs.queueUrl(), TestConfigs.WEBHOOK_ONLY), b -> b.tracing(tracing))
        .await(60, TimeUnit.SECONDS);
    try {
      assertEquals(202, Webhooks.postSigned(app.port(), Webhooks.payload(Webhooks.QUEUED)).statusCode());
      List<QueueMessage> received = app.queue().receive(1, Duration.ofSeconds(2)).await(10, TimeUnit.SECONDS);
      assertEquals(1, received.size());

      Span consumer = tracing.tracer().spanBuilder("hangar-jobs process")
          .setSpanKind(SpanKind.CONSUMER)
          .setParent(tracing.extract(received.get(0).event().traceContext()))
          .startSpan();
      consumer.end();

      // Spans are exported as they end, some just after the answer went out: wait for all of them.
      await().atMost(Duration.ofSeconds(30)).until(() ->
          find(spans, s -> s.getKind() == SpanKind.CLIENT && s.getName().contains("SendMessage")) != null
              && find(spans, s -> s.getName().equals("POST /webhook")) != null
              && find(spans, s -> s.getKind() == SpanKind.PRODUCER) != null);
      SpanData webhook = find(spans, s -> s.getName().equals("POST /webhook"));
      SpanData send = find(spans, s -> s.getKind() == SpanKind.PRODUCER);
      SpanData sqsCall = find(spans, s -> s.getKind() == SpanKind.CLIENT && s.getName().contains("SendMessage"));
      SpanData consume = find(spans, s -> s.getKind() == SpanKind.CONSUMER);

      assertEquals(SpanKind.SERVER, webhook.getKind());
      assertEquals("accepted", webhook.getAttributes().asMap().entrySet().stream()
          .filter(e -> e.getKey().getKey().equals("hangar.webhook.result")).findFirst().orElseThrow().getValue());
      assertEquals(webhook.getSpanId(), send.getParentSpanId(), "send is a child of the webhook span");
      assertEquals(send.getSpanId(), sqsCall.getParentSpanId(), "the AWS call is a child of the send");
      assertEquals(send.getSpanId(), consume.getParentSpanId(), "the consumer continues from the message attributes");
      for (SpanData s : List.of(send, sqsCall, consume)) {
        assertEquals(webhook.getTraceId(), s.getTraceId(), s.getName());
      }
      assertTrue(send.getName().contains("tracing-test.fifo"));
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
      sqs.close();
    }
  }

  private static SpanData find(InMemorySpanExporter spans, Predicate<SpanData> p) {
    return spans.getFinishedSpanItems().stream().filter(p).findFirst().orElse(null);
  }
}
