package dev.hangar.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ObservabilityConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code observability.tracing.exporter: otlp} sends spans over OTLP/HTTP to the configured
 * endpoint (a local receiver standing in for the collector: it records what arrives).
 */
@ExtendWith(VertxExtension.class)
class OtlpExportTest {

  private record Received(String path, String contentType, byte[] body) {}

  @Test
  void spansReachTheConfiguredCollector(Vertx vertx) throws Exception {
    LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    HttpServer collector = vertx.createHttpServer()
        .requestHandler(req -> req.body().onSuccess(body -> {
          received.add(new Received(req.path(), req.getHeader("Content-Type"), body.getBytes()));
          req.response().setStatusCode(200).putHeader("Content-Type", "application/x-protobuf").end();
        }))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try {
      String endpoint = "http://127.0.0.1:" + collector.actualPort() + "/v1/traces";
      Tracing tracing = Tracing.fromConfig(new ObservabilityConfig.Tracing(ObservabilityConfig.Tracing.Exporter.OTLP, endpoint));
      tracing.tracer().spanBuilder("POST /webhook").startSpan().end();
      tracing.close(); // flushes the batch processor

      Received r = received.poll(30, TimeUnit.SECONDS);
      assertTrue(r != null, "nothing exported");
      assertEquals("/v1/traces", r.path());
      assertEquals("application/x-protobuf", r.contentType());
      String payload = new String(r.body(), StandardCharsets.ISO_8859_1);
      assertTrue(payload.contains("POST /webhook"), "span name in the export");
      assertTrue(payload.contains("hangar-gateway"), "service name in the export");
    } finally {
      collector.close().await(10, TimeUnit.SECONDS);
    }
  }
}
