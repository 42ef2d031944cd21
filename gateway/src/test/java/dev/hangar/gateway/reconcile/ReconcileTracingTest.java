package dev.hangar.gateway.reconcile;

import static dev.hangar.gateway.reconcile.ReconcileHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.github.WebClientGitHub;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.testing.GitHubTestServer.Reply;
import dev.hangar.gateway.testing.TestAppKeys;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reconcile cycle is a trace: GitHub calls are CLIENT spans under the cycle's span. */
class ReconcileTracingTest {

  @Test
  void cycleSpanParentsTheGitHubCallsItStarts() {
    Vertx vertx = Vertx.vertx();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (Tracing tracing = Tracing.withExporter(spans);
        ReconcileHarness h = new ReconcileHarness(vertx, false)) {
      WebClientGitHub github = WebClientGitHub.create(vertx,
          GitHubConfig.of(h.server.apiUrl(), 7, "octo-org", null), TestAppKeys.pair().getPrivate(),
          h.recorders.github(), h.clock, h.clock.delays(), tracing.tracer());
      await(github.listRunners()); // token in hand: the cycle's first call starts synchronously
      h.server.script("actions/list-self-hosted-runners-for-org", Reply.of(502));
      spans.reset();
      Reconciler r = new Reconciler(vertx, List.of(ReconcileHarness.POOL), h.fleet, h.ledger, github,
          h.recorders.reconcile(), ReconcileHarness.SETTINGS, h.clock, tracing.tracer());
      await(r.runOnce());
      List<SpanData> done = spans.getFinishedSpanItems();
      SpanData cycle = done.stream().filter(s -> s.getName().equals("reconcile cycle")).findFirst().orElse(null);
      assertNotNull(cycle);
      List<SpanData> lists = done.stream().filter(s -> s.getName().equals("GitHub list-runners")).toList();
      assertEquals(2, lists.size(), "the 502 and its retry");
      SpanData failed = lists.stream().filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).findFirst().orElseThrow();
      assertEquals(SpanKind.CLIENT, failed.getKind());
      assertEquals(cycle.getTraceId(), failed.getTraceId());
      assertEquals(cycle.getSpanId(), failed.getParentSpanId());
      assertEquals(502L, failed.getAttributes().asMap().entrySet().stream()
          .filter(e -> e.getKey().getKey().equals("http.response.status_code")).findFirst().orElseThrow().getValue());
      assertEquals(List.of(), h.server.violations());
    } finally {
      await(vertx.close());
    }
  }
}
