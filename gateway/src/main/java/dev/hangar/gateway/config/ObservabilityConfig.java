package dev.hangar.gateway.config;

/**
 * Metrics and traces. Prometheus ({@code GET /metrics}) is always on; CloudWatch and trace
 * export are chosen here.
 */
public record ObservabilityConfig(Metrics metrics, Tracing tracing) {
  public ObservabilityConfig {
    metrics = metrics == null ? Metrics.defaults() : metrics;
    tracing = tracing == null ? Tracing.defaults() : tracing;
  }

  /** All defaults: Prometheus only, no trace export. */
  public static ObservabilityConfig defaults() {
    return new ObservabilityConfig(null, null);
  }

  /** Metric export beyond Prometheus. */
  public record Metrics(CloudWatch cloudwatch) {
    public Metrics {
      cloudwatch = cloudwatch == null ? CloudWatch.defaults() : cloudwatch;
    }

    static Metrics defaults() {
      return new Metrics(null);
    }
  }

  /**
   * The same meters pushed to CloudWatch.
   *
   * @param enabled push to CloudWatch (default false)
   * @param namespace CloudWatch namespace (default {@code Hangar})
   * @param stepSeconds push interval (default 60)
   */
  public record CloudWatch(Boolean enabled, String namespace, Integer stepSeconds) {
    public CloudWatch {
      enabled = enabled != null && enabled;
      namespace = namespace == null ? "Hangar" : namespace;
      stepSeconds = stepSeconds == null ? 60 : stepSeconds;
    }

    static CloudWatch defaults() {
      return new CloudWatch(null, null, null);
    }
  }

  /**
   * Trace export.
   *
   * @param exporter {@code none} (spans only feed trace ids to the logs) or {@code otlp}
   * @param endpoint OTLP/HTTP endpoint, e.g. {@code http://collector:4318/v1/traces}
   */
  public record Tracing(Exporter exporter, String endpoint) {
    /** Trace exporters. */
    public enum Exporter {
      NONE,
      OTLP
    }

    public Tracing {
      exporter = exporter == null ? Exporter.NONE : exporter;
    }

    static Tracing defaults() {
      return new Tracing(null, null);
    }
  }
}
