package dev.hangar.gateway.observability;

import dev.hangar.gateway.config.ObservabilityConfig;
import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * One composite registry that every meter is registered on, feeding Prometheus (always, for
 * {@code GET /metrics}) and CloudWatch (when configured).
 */
public final class MeterRegistries implements AutoCloseable {
  private final CompositeMeterRegistry composite = new CompositeMeterRegistry();
  private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CloudWatchMeterRegistry cloudWatch;

  private MeterRegistries(CloudWatchMeterRegistry cloudWatch) {
    this.cloudWatch = cloudWatch;
    composite.add(prometheus);
    if (cloudWatch != null) {
      composite.add(cloudWatch);
    }
  }

  /** Registries as configured; the CloudWatch client is only created when CloudWatch is on. */
  public static MeterRegistries create(
      ObservabilityConfig.Metrics config, Supplier<CloudWatchAsyncClient> cloudWatchClient) {
    ObservabilityConfig.CloudWatch cw = config.cloudwatch();
    if (!cw.enabled()) {
      return new MeterRegistries(null);
    }
    CloudWatchConfig cwConfig = new CloudWatchConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String namespace() {
        return cw.namespace();
      }

      @Override
      public Duration step() {
        return Duration.ofSeconds(cw.stepSeconds());
      }
    };
    return new MeterRegistries(new CloudWatchMeterRegistry(cwConfig, Clock.SYSTEM, cloudWatchClient.get()));
  }

  /** The registry to register meters on. */
  public CompositeMeterRegistry registry() {
    return composite;
  }

  /** Prometheus text exposition of every meter. */
  public String scrape() {
    return prometheus.scrape();
  }

  /** Pushes what is left to CloudWatch and stops. */
  @Override
  public void close() {
    composite.close();
    prometheus.close();
    if (cloudWatch != null) {
      cloudWatch.close();
    }
  }
}
