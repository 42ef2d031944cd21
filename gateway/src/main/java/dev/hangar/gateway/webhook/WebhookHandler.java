package dev.hangar.gateway.webhook;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.LabelMatcher;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.http.EdgeErrors;
import dev.hangar.gateway.observability.WebhookMetrics;
import dev.hangar.gateway.observability.LogContext;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhook}: GitHub's {@code workflow_job} deliveries become queued job events.
 * Order of checks: media type (415, before the body is read), size (413), signature over the raw
 * bytes (401), event type (ping 200, others 202 ignored), delivery id and payload shape (400),
 * pool match (202 unmatched), then the queue: 202 only once SQS accepted the event, 503 when it
 * fails or takes longer than the timeout. Every answer, refusals of the router and the HTTP codec
 * included (see {@link #refuse}), is {@code {"result": ..., "reason": ...}}.
 */
public final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final WebhookSignature signature;
  private final LabelMatcher matcher;
  private final JobQueue queue;
  private final Duration sendTimeout;
  private final WebhookMetrics metrics;
  private final Tracing tracing;

  public WebhookHandler(
      WebhookSignature signature,
      List<Pool> pools,
      JobQueue queue,
      Duration sendTimeout,
      WebhookMetrics metrics,
      Tracing tracing) {
    this.signature = signature;
    this.matcher = new LabelMatcher(pools);
    this.queue = queue;
    this.sendTimeout = sendTimeout;
    this.metrics = metrics;
    this.tracing = tracing;
  }

  /** Mounts {@code POST /webhook} with its body limit on the router. */
  public void mount(Router router, long bodyLimitBytes) {
    // A route of its own: Vert.x Web wants the body handler first on a route.
    router.post("/webhook").handler(this::requireJson);
    router.post("/webhook")
        // BodyHandler decodes form and multipart bodies whatever the other settings; the media
        // type check above is what keeps them away. These settings keep uploads off disk and
        // form fields out of the request parameters should a form ever get through.
        .handler(BodyHandler.create(false).setMergeFormAttributes(false).setBodyLimit(bodyLimitBytes))
        .handler(this::handle)
        .failureHandler(ctx -> {
          if (ctx.statusCode() == 413) {
            refuse(ctx.request(), 413, "body exceeds " + bodyLimitBytes + " bytes");
          } else {
            LOG.error("webhook request failed", ctx.failure());
            refuse(ctx.request(), 500, "internal error");
          }
        });
  }

  /**
   * Answers a request to {@code /webhook} (or below) refused before or outside the handler
   * (404, 405, 408, 413, 414, 431, ...) with the JSON body, counted like every other answer.
   */
  public void refuse(HttpServerRequest request, int status, String reason) {
    respond(request.response(), System.nanoTime(), Span.getInvalid(), eventTag(request.getHeader("X-GitHub-Event")),
        WebhookOutcome.ofStatus(status), reason, null, null, null);
  }

  /**
   * GitHub can deliver webhooks form-encoded; Hangar takes JSON only. Checked before any byte of
   * the body is read, signed or not: an unauthenticated body must never reach a form decoder.
   */
  private void requireJson(RoutingContext ctx) {
    if (!isJson(ctx.request().getHeader("Content-Type"))) {
      refuse(ctx.request(), 415, "content type must be application/json (set it in the webhook settings)");
      return;
    }
    ctx.next();
  }

  /** Media types are case-insensitive (RFC 9110); parameters such as charset are allowed. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return media.equalsIgnoreCase("application/json");
  }

  private void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    Span span = tracing.tracer().spanBuilder("POST /webhook")
        .setSpanKind(SpanKind.SERVER)
        .setParent(Context.root())
        .setAttribute("http.request.method", "POST")
        .setAttribute("http.route", "/webhook")
        .startSpan();
    Buffer raw = ctx.body().buffer();
    byte[] body = raw == null ? new byte[0] : raw.getBytes();
    String eventHeader = ctx.request().getHeader("X-GitHub-Event");
    String delivery = ctx.request().getHeader("X-GitHub-Delivery");
    String event = eventTag(eventHeader);
    if (!signature.verify(body, ctx.request().getHeader("X-Hub-Signature-256"))) {
      respond(ctx, start, span, event, WebhookOutcome.BAD_SIGNATURE, "signature missing or invalid");
      return;
    }
    span.setAttribute("github.event", event);
    if (eventHeader == null) {
      respond(ctx, start, span, event, WebhookOutcome.BAD_REQUEST, "X-GitHub-Event header is missing");
      return;
    }
    if ("ping".equals(eventHeader)) {
      respond(ctx, start, span, event, WebhookOutcome.PING, "pong");
      return;
    }
    if (!"workflow_job".equals(eventHeader)) {
      respond(ctx, start, span, event, WebhookOutcome.IGNORED, "event is not workflow_job");
      return;
    }
    if (delivery == null || !DELIVERY_ID.matcher(delivery).matches()) {
      respond(ctx, start, span, event, WebhookOutcome.BAD_REQUEST, "X-GitHub-Delivery header is missing or malformed");
      return;
    }
    span.setAttribute("github.delivery", delivery);
    JobEvent job;
    try {
      job = WorkflowJobParser.parse(body);
    } catch (PayloadException e) {
      respond(ctx.response(), start, span, event, WebhookOutcome.BAD_REQUEST, e.getMessage(), delivery, null, null);
      return;
    }
    span.setAttribute("github.job_id", job.jobId());
    Optional<Pool> pool = matcher.match(job.labels());
    if (pool.isEmpty()) {
      respond(ctx.response(), start, span, event, WebhookOutcome.UNMATCHED, "no pool serves these labels", delivery, job, null);
      return;
    }
    String poolName = pool.get().name();
    span.setAttribute("hangar.pool", poolName);
    QueuedJobEvent queued = new QueuedJobEvent(poolName, delivery, job, tracing.inject(span));
    Future<Void> sent;
    try (var ignored = span.makeCurrent()) {
      sent = queue.send(queued);
    }
    sent.timeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(v -> respond(ctx.response(), start, span, event, WebhookOutcome.ACCEPTED,
            job.status().wireName() + " event queued for pool " + poolName, delivery, job, poolName))
        .onFailure(err -> {
          span.recordException(err);
          respond(ctx.response(), start, span, event, WebhookOutcome.UNAVAILABLE,
              "queue did not accept the event, try again", delivery, job, poolName);
        });
  }

  private void respond(RoutingContext ctx, long start, Span span, String event, WebhookOutcome outcome, String reason) {
    respond(ctx.response(), start, span, event, outcome, reason, null, null, null);
  }

  private void respond(
      HttpServerResponse response,
      long start,
      Span span,
      String event,
      WebhookOutcome outcome,
      String reason,
      String delivery,
      JobEvent job,
      String pool) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    metrics.received(event, outcome.tag(), took);
    try (LogContext ignored = LogContext.open()
        .with(LogContext.DELIVERY_ID, delivery)
        .with(LogContext.JOB_ID, job == null ? null : job.jobId())
        .with(LogContext.POOL, pool)
        .with(LogContext.TRACE_ID, Tracing.traceId(span))) {
      if (outcome.status() >= 400) {
        LOG.warn("webhook {} {}: {}", event, outcome.tag(), reason);
      } else {
        LOG.info("webhook {} {}: {}", event, outcome.tag(), reason);
      }
    }
    span.setAttribute("http.response.status_code", outcome.status());
    span.setAttribute("hangar.webhook.result", outcome.tag());
    if (outcome.status() >= 500) {
      span.setStatus(StatusCode.ERROR, reason);
    }
    span.end();
    EdgeErrors.answer(response, outcome.status(), outcome.tag(), reason);
  }

  /** Bounded tag value: unauthenticated callers must not be able to mint new time series. */
  private static String eventTag(String header) {
    if (header == null) {
      return "none";
    }
    return switch (header) {
      case "workflow_job", "ping" -> header;
      default -> "other";
    };
  }
}
