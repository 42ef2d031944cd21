package dev.hangar.gateway.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.core.interceptor.Context.AfterExecution;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.Context.FailedExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One CLIENT span per AWS SDK call ({@code SQS.SendMessage}, {@code AutoScaling.SetDesiredCapacity},
 * ...), child of the span current on the calling thread. The SDK runs {@code beforeExecution}
 * on the caller's thread, so making a span current around the call is enough.
 */
public final class AwsTracingInterceptor implements ExecutionInterceptor {
  private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("hangar.otel.span");

  private final Tracer tracer;

  public AwsTracingInterceptor(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Span span = tracer.spanBuilder(service + "." + operation)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute("rpc.system", "aws-api")
        .setAttribute("rpc.service", service)
        .setAttribute("rpc.method", operation)
        .startSpan();
    attributes.putAttribute(SPAN, span);
  }

  @Override
  public void afterExecution(AfterExecution context, ExecutionAttributes attributes) {
    Span span = attributes.getAttribute(SPAN);
    if (span != null) {
      span.setAttribute("http.response.status_code", context.httpResponse().statusCode());
      span.end();
    }
  }

  @Override
  public void onExecutionFailure(FailedExecution context, ExecutionAttributes attributes) {
    Span span = attributes.getAttribute(SPAN);
    if (span != null) {
      span.setStatus(StatusCode.ERROR, context.exception().getClass().getSimpleName());
      span.end();
    }
  }
}
