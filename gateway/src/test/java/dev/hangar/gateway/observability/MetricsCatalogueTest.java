package dev.hangar.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import io.micrometer.core.instrument.Meter;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docs/metrics.md} and the code agree: every {@code hangar.*} meter the exercised
 * gateway registers is catalogued, and every catalogued name is used somewhere in the source.
 */
@ExtendWith(VertxExtension.class)
class MetricsCatalogueTest {
  private static final Path CATALOGUE = Path.of("../docs/metrics.md");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`(hangar\\.[a-z0-9_.]+)`\\s*\\|", Pattern.MULTILINE);

  static Set<String> catalogued() throws IOException {
    Matcher m = ROW.matcher(Files.readString(CATALOGUE));
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyRegisteredMeterIsCatalogued(Vertx vertx) throws Exception {
    EmbeddedSqs sqs = EmbeddedSqs.start("catalogue-test.fifo");
    // The whole gateway (consumer and reconciler too), AWS APIs on moto, SQS on ElasticMQ.
    TestGateway app = TestGateway.start(vertx, TestConfigs.gateway(sqs.endpoint(), sqs.queueUrl(), MotoPeer.url(),
            // A 1 s long poll: stopping the gateway waits for the consumer's poll in flight.
            "poolLoop: {receiveWaitSeconds: 1}\n"))
        .await(60, TimeUnit.SECONDS);
    Set<String> registered;
    try {
      int port = app.port();
      Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED));
      Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED_UNMATCHED));
      Webhooks.post(port, "workflow_job", Webhooks.newDeliveryId(), new byte[] {1}, "sha256=00");
      Webhooks.postSigned(port, Webhooks.payload(Webhooks.COMPLETED));
      Webhooks.get(port, "/readyz");
      Webhooks.get(port, "/metrics");
      // The gauges a reconcile pass sets through its PoolGauges.
      app.recorders().pools().jobs("linux", 1, 1);
      app.recorders().pools().desired("linux", "hangar-linux-warm", 1);
      registered = app.registry().getMeters().stream()
          .map(Meter::getId).map(Meter.Id::getName)
          .filter(n -> n.startsWith("hangar."))
          .collect(Collectors.toCollection(TreeSet::new));
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
      sqs.close();
    }
    Set<String> missing = new TreeSet<>(registered);
    missing.removeAll(catalogued());
    assertEquals(Set.of(), missing, "registered but not in docs/metrics.md");
    assertTrue(registered.contains("hangar.webhook.received"));
  }

  @Test
  void everyCataloguedNameIsUsedInTheSource() throws IOException {
    String source;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      source = files.filter(p -> p.toString().endsWith(".java")).map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
    Set<String> unused = catalogued().stream()
        .filter(name -> !source.contains("\"" + name + "\""))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), unused, "catalogued but not registered anywhere in gateway/src/main/java");
  }
}
