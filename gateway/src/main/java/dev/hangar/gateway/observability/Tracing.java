package dev.hangar.gateway.observability;

import dev.hangar.gateway.config.ObservabilityConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's OpenTelemetry tracer and W3C trace-context propagation. Trace context travels
 * through SQS as message attributes: the producer calls {@link #inject}, the consumer builds
 * its span from {@link #extract} of the received attributes.
 *
 * <p>With exporter {@code none} spans are still created (not exported) so log lines carry
 * trace ids that match across webhook and consumer.
 */
public final class Tracing implements AutoCloseable {
  /** Instrumentation scope of every Hangar span. */
  public static final String SCOPE = "dev.hangar.gateway";

  private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private Tracing(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider.get(SCOPE);
  }

  /** Tracing as configured: OTLP/HTTP export, or none. */
  public static Tracing fromConfig(ObservabilityConfig.Tracing config) {
    SdkTracerProviderBuilder b = base();
    if (config.exporter() == ObservabilityConfig.Tracing.Exporter.OTLP) {
      b.addSpanProcessor(
          BatchSpanProcessor.builder(
                  OtlpHttpSpanExporter.builder().setEndpoint(config.endpoint()).build())
              .build());
    }
    return new Tracing(b.build());
  }

  /** Tracing that hands every ended span to {@code exporter} at once (tests). */
  public static Tracing withExporter(SpanExporter exporter) {
    return new Tracing(base().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build());
  }

  /** Tracing that records nothing anywhere (spans still carry ids). */
  public static Tracing none() {
    return new Tracing(base().build());
  }

  /** The SDK hands out invalid spans when no processor is registered; this one keeps ids. */
  private static SdkTracerProviderBuilder base() {
    return SdkTracerProvider.builder().setResource(resource()).addSpanProcessor(new IdOnlySpanProcessor());
  }

  /** Accepts spans and drops them, so that spans get real trace ids without any export. */
  private static final class IdOnlySpanProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }

  private static Resource resource() {
    return Resource.getDefault().toBuilder().put("service.name", "hangar-gateway").build();
  }

  /** The tracer for Hangar's spans. */
  public Tracer tracer() {
    return tracer;
  }

  /** W3C trace context ({@code traceparent}, {@code tracestate}) of {@code context}. */
  public Map<String, String> inject(Context context) {
    Map<String, String> carrier = new HashMap<>();
    PROPAGATOR.inject(context, carrier, (c, k, v) -> c.put(k, v));
    return carrier;
  }

  /** Trace context of the span, as message attributes. */
  public Map<String, String> inject(Span span) {
    return inject(Context.root().with(span));
  }

  /** The context carried by {@code carrier}, a root context when it carries none. */
  public Context extract(Map<String, String> carrier) {
    return PROPAGATOR.extract(Context.root(), carrier == null ? Map.of() : carrier, MAP_GETTER);
  }

  /** Trace id of the span, or null when it has none (for log lines). */
  public static String traceId(Span span) {
    SpanContext sc = span.getSpanContext();
    return sc.isValid() ? sc.getTraceId() : null;
  }

  /** Flushes and stops exporting. */
  @Override
  public void close() {
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }
}
