package dev.hangar.gateway.webhook;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.LabelMatcher;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.observability.HangarMeters;
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
import io.vertx.core.json.JsonObject;
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
 * Order of checks: size (413), signature over the raw bytes (401), event type (ping 200, others
 * 202 ignored), delivery id and payload shape (400), pool match (202 unmatched), then the queue:
 * 202 only once SQS accepted the event, 503 when it fails or takes longer than the timeout.
 * Every answer is {@code {"result": ..., "reason": ...}}.
 */
public final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final WebhookSignature signature;
  private final LabelMatcher matcher;
  private final JobQueue queue;
  private final Duration sendTimeout;
  private final HangarMeters meters;
  private final Tracing tracing;

  public WebhookHandler(
      WebhookSignature signature,
      List<Pool> pools,
      JobQueue queue,
      Duration sendTimeout,
      HangarMeters meters,
      Tracing tracing) {
    this.signature = signature;
    this.matcher = new LabelMatcher(pools);
    this.queue = queue;
    this.sendTimeout = sendTimeout;
    this.meters = meters;
    this.tracing = tracing;
  }

  /** Mounts {@code POST /webhook} with its body limit on the router. */
  public void mount(Router router, long bodyLimitBytes) {
    // A route of its own: Vert.x Web wants the body handler first on a route.
    router.post("/webhook").handler(this::refuseForms);
    router.post("/webhook")
        .handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes))
        .handler(this::handle)
        .failureHandler(ctx -> {
          long start = System.nanoTime();
          String event = eventTag(ctx.request().getHeader("X-GitHub-Event"));
          if (ctx.statusCode() == 413) {
            respond(ctx, start, Span.getInvalid(), event, WebhookOutcome.TOO_LARGE,
                "body exceeds " + bodyLimitBytes + " bytes");
          } else {
            LOG.error("webhook request failed", ctx.failure());
            respond(ctx, start, Span.getInvalid(), event, WebhookOutcome.ERROR, "internal error");
          }
        });
  }

  /**
   * GitHub can deliver webhooks form-encoded; Hangar takes JSON only (the body handler would
   * otherwise try to decode the form before the signature is checked).
   */
  private void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
      respond(ctx, System.nanoTime(), Span.getInvalid(), eventTag(ctx.request().getHeader("X-GitHub-Event")),
          WebhookOutcome.UNSUPPORTED_MEDIA_TYPE, "content type must be application/json (set it in the webhook settings)");
      return;
    }
    ctx.next();
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
      respond(ctx, start, span, event, WebhookOutcome.BAD_REQUEST, e.getMessage(), delivery, null, null);
      return;
    }
    span.setAttribute("github.job_id", job.jobId());
    Optional<Pool> pool = matcher.match(job.labels());
    if (pool.isEmpty()) {
      respond(ctx, start, span, event, WebhookOutcome.UNMATCHED, "no pool serves these labels", delivery, job, null);
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
        .onSuccess(v -> respond(ctx, start, span, event, WebhookOutcome.ACCEPTED,
            job.status().wireName() + " event queued for pool " + poolName, delivery, job, poolName))
        .onFailure(err -> {
          span.recordException(err);
          respond(ctx, start, span, event, WebhookOutcome.UNAVAILABLE,
              "queue did not accept the event, try again", delivery, job, poolName);
        });
  }

  private void respond(RoutingContext ctx, long start, Span span, String event, WebhookOutcome outcome, String reason) {
    respond(ctx, start, span, event, outcome, reason, null, null, null);
  }

  private void respond(
      RoutingContext ctx,
      long start,
      Span span,
      String event,
      WebhookOutcome outcome,
      String reason,
      String delivery,
      JobEvent job,
      String pool) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    meters.webhookReceived(event, outcome.tag(), took);
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
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response()
          .setStatusCode(outcome.status())
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("result", outcome.tag()).put("reason", reason).toBuffer());
    }
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
