package dev.hangar.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ObservabilityConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/**
 * The same meters reach CloudWatch when configured. No emulator speaks CloudWatch's current
 * (CBOR) protocol, so this records the PutMetricData requests the Micrometer registry makes at
 * the SDK client interface, which is where the real client would serialize them.
 */
class CloudWatchMetricsTest {

  /** Records PutMetricData calls and answers as CloudWatch does on success. */
  private static final class RecordingCloudWatch implements CloudWatchAsyncClient {
    final List<PutMetricDataRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<PutMetricDataResponse> putMetricData(PutMetricDataRequest request) {
      requests.add(request);
      return CompletableFuture.completedFuture(PutMetricDataResponse.builder().build());
    }

    @Override
    public String serviceName() {
      return "monitoring";
    }

    @Override
    public void close() {}
  }

  @Test
  void hangarMetersArePushedWithTheirTagsAsDimensions() {
    RecordingCloudWatch cloudWatch = new RecordingCloudWatch();
    ObservabilityConfig.Metrics config = new ObservabilityConfig.Metrics(new ObservabilityConfig.CloudWatch(true, "Hangar/Test", 60));
    MeterRegistries registries = MeterRegistries.create(config, () -> cloudWatch);
    MicrometerRecorders recorders = new MicrometerRecorders(registries.registry());

    recorders.webhook().received("workflow_job", "accepted", Duration.ofMillis(3));
    recorders.webhook().received("workflow_job", "accepted", Duration.ofMillis(5));
    recorders.pools().jobs("linux", 4, 2);
    recorders.pools().desired("linux", "hangar-linux-warm", 6);
    assertTrue(registries.scrape().contains("hangar_jobs_queued{pool=\"linux\"} 4.0"));
    registries.close(); // a step registry publishes what it holds when closed

    assertTrue(cloudWatch.requests.stream().allMatch(r -> r.namespace().equals("Hangar/Test")));
    Map<String, MetricDatum> data = cloudWatch.requests.stream()
        .flatMap(r -> r.metricData().stream())
        .collect(Collectors.toMap(d -> d.metricName() + dims(d.dimensions()), d -> d, (a, b) -> b));
    assertEquals(2.0, data.get("hangar.webhook.received.count{event=workflow_job, result=accepted}").value(), data.keySet().toString());
    assertEquals(4.0, data.get("hangar.jobs.queued.value{pool=linux}").value());
    assertEquals(2.0, data.get("hangar.jobs.running.value{pool=linux}").value());
    assertEquals(6.0, data.get("hangar.scaling.desired.value{pool=linux, tier=hangar-linux-warm}").value());
  }

  @Test
  void withoutCloudWatchNoClientIsCreated() {
    MeterRegistries registries = MeterRegistries.create(new ObservabilityConfig.Metrics(null), () -> {
      throw new AssertionError("CloudWatch client created while disabled");
    });
    new MicrometerRecorders(registries.registry()).pools().jobs("linux", 1, 0);
    assertTrue(registries.scrape().contains("hangar_jobs_queued"));
    registries.close();
  }

  private static String dims(List<Dimension> dimensions) {
    return dimensions.stream().sorted((a, b) -> a.name().compareTo(b.name()))
        .map(d -> d.name() + "=" + d.value()).collect(Collectors.joining(", ", "{", "}"));
  }
}
