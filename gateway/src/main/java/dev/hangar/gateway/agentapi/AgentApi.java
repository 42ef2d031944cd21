package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.observability.LogContext;
import static dev.hangar.gateway.agentapi.AgentAnswers.ack;
import static dev.hangar.gateway.agentapi.AgentAnswers.describe;
import static dev.hangar.gateway.agentapi.AgentAnswers.error;
import static dev.hangar.gateway.agentapi.AgentAnswers.parse;
import static dev.hangar.gateway.agentapi.AgentAnswers.refuse;
import static dev.hangar.gateway.agentapi.AgentAnswers.send;

import dev.hangar.gateway.agentapi.AgentRequests.EventRequest;
import dev.hangar.gateway.agentapi.AgentRequests.HeartbeatRequest;
import dev.hangar.gateway.agentapi.AgentRequests.LifecycleRequest;
import dev.hangar.gateway.agentapi.AgentRequests.RegisterRequest;
import dev.hangar.gateway.agentapi.AgentRequests.RetireRequest;
import dev.hangar.gateway.agentapi.AgentRequests.SessionRequest;
import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.observability.AgentMetrics;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent API ({@code /agent/v1}, described by {@code docs/agent-api.yaml}): identity-based
 * session and registration, and the session-authenticated calls of one instance. Mount {@link
 * #router()} under {@link #MOUNT}.
 */
public final class AgentApi {
  /** Where the router is mounted. */
  public static final String MOUNT = "/agent/v1";

  private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);
  private static final String INSTANCE = "hangar.agent.instanceId";
  /** The routed paths, relative to {@link #MOUNT} (other methods on them answer 405). */
  private static final Set<String> PATHS =
      Set.of("/session", "/register", "/heartbeat", "/events", "/retire", "/lifecycle");

  private final Vertx vertx;
  private final AgentApiConfig config;
  private final SessionTokens tokens;
  private final AgentRegistry registry;
  private final AgentMetrics metrics;
  private final ManagedInstances managed;
  private final Enrolment enrolment;
  private final AgentEvents events;
  private final Retirement retirement;
  private final Fleet fleet;
  private final Clock clock;
  private final AgentThrottle throttle;
  /**
   * Instances retired or terminated through this replica: their tokens are refused. Kept a
   * session lifetime (and a minute of clock skew) after the retirement, by which time every token
   * issued before it has expired; {@code session} refuses them new ones meanwhile.
   */
  private final RecentIds retired;
  static final int RETIRED_MAX = 100_000;

  /** The ports and clock the agent API works with. */
  public record Ports(Fleet fleet, Ledger ledger, GitHub github, AgentMetrics metrics, Clock clock) {}

  /**
   * Builds the API. Loads the identity certificates (start-up I/O).
   *
   * @param awsRegion identity documents from other regions are refused (null: any region)
   * @param runnerGroup GitHub runner group name for new runners (null: the default group)
   */
  public AgentApi(
      Vertx vertx, AgentApiConfig config, String awsRegion, String runnerGroup, List<Pool> pools,
      Ports ports) {
    this.vertx = vertx;
    this.config = config;
    this.clock = ports.clock();
    this.fleet = ports.fleet();
    this.tokens = new SessionTokens(config.sessionKey(), config.sessionTtl(), clock);
    this.registry = new AgentRegistry();
    this.metrics = ports.metrics() == null ? AgentMetrics.NOOP : ports.metrics();
    this.throttle = new AgentThrottle(config.rateLimits(), metrics, clock);
    this.retired =
        new RecentIds(config.sessionTtl().plus(Duration.ofMinutes(1)), RETIRED_MAX, clock);
    this.managed = new ManagedInstances(ports.fleet(), pools);
    IdentityVerifier verifier = identityVerifier(config.identityCertificates());
    RunnerVersions versions = new RunnerVersions(ports.github(), config, clock);
    metrics.lagFrom(versions::lagDays);
    AgentContext context = new AgentContext(managed, registry, metrics, clock);
    this.enrolment =
        new Enrolment(
            verifier, blankToNull(awsRegion), blankToNull(config.accountId()), runnerGroup, context,
            ports.ledger(), ports.github(), versions, tokens);
    this.events = new AgentEvents(context, ports.fleet(), ports.ledger());
    this.retirement = new Retirement(context, ports.fleet(), ports.github(), retired);
  }

  private static IdentityVerifier identityVerifier(List<String> configured) {
    IdentityTrust trust = IdentityCertificates.trust(configured);
    if (trust.isEmpty()) {
      LOG.warn(configured.isEmpty()
          ? "no instance identity certificates shipped: every agent session and registration will be"
              + " refused until agentApi.identityCertificates names AWS's RSA-2048 certificates"
          : "agentApi.identityCertificates yields no certificate: every agent session and registration"
              + " will be refused");
    } else if (configured.isEmpty()) {
      LOG.info("instance identity documents are verified with AWS's shipped RSA-2048 certificate of"
          + " their own region ({} regions)", trust.regions().size());
    } else {
      LOG.info("instance identity documents are verified with the {} certificates of"
          + " agentApi.identityCertificates (shipped certificates not used)", trust.all().size());
    }
    return new IdentityVerifier(trust);
  }

  /** What this replica has heard from agents (heartbeats, runner ids), for reconciliation. */
  public AgentRegistry registry() {
    return registry;
  }

  /** Mounts the agent API under {@link #MOUNT} of the gateway's router. */
  public void mount(Router root) {
    root.route(MOUNT + "/*").subRouter(router());
  }

  /** The routes, relative to {@link #MOUNT}. */
  public Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));
    router.post("/session").handler(ctx -> open(ctx, SessionRequest::of, this::session));
    router.post("/register").handler(this::register);
    // Heartbeats only touch memory: not rate limited, so a throttled agent still shows alive.
    router.post("/heartbeat").handler(this::authenticate)
        .handler(ctx -> authed(ctx, null, HeartbeatRequest::of, HeartbeatRequest::instanceId,
            r -> false, this::heartbeat));
    router.post("/events").handler(this::authenticate)
        .handler(ctx -> authed(ctx, "events", EventRequest::of, EventRequest::instanceId,
            r -> false, (id, e) -> events.report(id, e).map(ack("recorded"))));
    router.post("/retire").handler(this::authenticate)
        .handler(ctx -> authed(ctx, "retire", RetireRequest::of, RetireRequest::instanceId,
            r -> false, (id, r) -> retirement.retire(id, r.reason()).map(ack("retired"))));
    // A retired instance's agent still completes its termination hook, so Auto Scaling does not
    // hold the instance in Terminating:Wait until the hook times out.
    router.post("/lifecycle").handler(this::authenticate)
        .handler(ctx -> authed(ctx, "lifecycle", LifecycleRequest::of, LifecycleRequest::instanceId,
            r -> "termination".equals(r.hook()), this::lifecycle));
    router.route().handler(AgentApi::unrouted);
    router.route().failureHandler(this::failure);
    return router;
  }

  private static void unrouted(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String relative = path.startsWith(MOUNT) ? path.substring(MOUNT.length()) : path;
    if (PATHS.contains(relative)) {
      ctx.response().putHeader("Allow", "POST");
      error(ctx, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed");
    } else {
      error(ctx, ErrorCode.NOT_FOUND, "not found");
    }
  }

  private Future<JsonObject> heartbeat(String instanceId, HeartbeatRequest request) {
    registry.heartbeat(instanceId, request.heartbeat(), clock.instant());
    // Optional.map turns an unknown pool (heartbeat before session) into empty as well.
    metrics.heartbeat(registry.agent(instanceId).map(AgentRegistry.Agent::pool).orElse(AgentMetrics.UNKNOWN_POOL));
    return Future.succeededFuture(ack("ok").apply(null));
  }

  private Future<JsonObject> lifecycle(String instanceId, LifecycleRequest request) {
    String hookName = "launch".equals(request.hook()) ? config.launchHook() : config.terminationHook();
    return managed
        .require(instanceId)
        .compose(
            m -> fleet
                .completeLifecycleAction(m.asg(), hookName, instanceId, request.result())
                .onComplete(ar -> metrics.lifecycle(
                    m.pool().name(), request.hook(), ar.succeeded() ? request.result() : "error"))
                .onSuccess(v -> {
                  if ("termination".equals(request.hook())) {
                    // Both results of a termination hook let the instance terminate.
                    retired.add(instanceId);
                  }
                  LogContext.info(LOG, "lifecycle action completed", "instanceId", instanceId,
                      "pool", m.pool().name(), "hook", hookName, "result", request.result());
                }))
        .recover(err -> Future.failedFuture(err instanceof Fleet.NoLifecycleAction
            ? new ApiException(ErrorCode.NO_LIFECYCLE_ACTION, "no pending lifecycle action")
            : err))
        .map(ack("completed"));
  }

  private Future<JsonObject> session(SessionRequest request) {
    throttle.admit("session", null);
    return enrolment.session(request).compose(answer -> {
      if (retired.contains(answer.getString("instanceId"))) {
        metrics.authFailure("retired");
        return Future.failedFuture(new ApiException(ErrorCode.INSTANCE_RETIRED, "instance retired"));
      }
      return Future.succeededFuture(answer);
    });
  }

  private void register(RoutingContext ctx) {
    RegisterRequest request = parse(ctx, RegisterRequest::of);
    if (request == null) {
      return;
    }
    try {
      throttle.admit("register", null);
    } catch (ApiException e) {
      refuse(ctx, e);
      return;
    }
    Future<Enrolment.Registered> registered = enrolment.register(request);
    answer(ctx, registered.map(Enrolment.Registered::answer),
        () -> enrolment.undelivered(registered.result()));
  }

  private <R> void open(
      RoutingContext ctx, Function<JsonObject, R> parser, Function<R, Future<JsonObject>> call) {
    R request = parse(ctx, parser);
    if (request != null) {
      answer(ctx, guarded(() -> call.apply(request)));
    }
  }

  /**
   * A session-authenticated call: parsed, checked to be about the session's own instance and
   * not a retired one ({@code allowedWhenRetired} aside), rate limited as {@code throttled}
   * (null: not limited), then made.
   */
  private <R> void authed(
      RoutingContext ctx,
      String throttled,
      Function<JsonObject, R> parser,
      Function<R, String> namedInstance,
      Predicate<R> allowedWhenRetired,
      BiFunction<String, R, Future<JsonObject>> call) {
    String instanceId = ctx.get(INSTANCE);
    R request = parse(ctx, parser);
    if (request == null) {
      return;
    }
    String named = namedInstance.apply(request);
    if (named != null && !named.equals(instanceId)) {
      metrics.authFailure("other_instance");
      LogContext.warn(LOG, "call for another instance refused", "instanceId", instanceId,
          "namedInstance", named, "path", ctx.normalizedPath());
      error(ctx, ErrorCode.NOT_MANAGED, "session belongs to another instance");
      return;
    }
    if (retired.contains(instanceId) && !allowedWhenRetired.test(request)) {
      metrics.authFailure("retired");
      LogContext.warn(LOG, "call of a retired instance refused", "instanceId", instanceId,
          "path", ctx.normalizedPath());
      error(ctx, ErrorCode.INSTANCE_RETIRED, "instance retired");
      return;
    }
    answer(ctx, guarded(() -> {
      if (throttled != null) {
        throttle.admit(throttled, instanceId);
      }
      return call.apply(instanceId, request);
    }));
  }

  /** The call's future, with an {@link ApiException} thrown before it started as its failure. */
  private static Future<JsonObject> guarded(java.util.function.Supplier<Future<JsonObject>> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      metrics.authFailure("missing");
      unauthorized(ctx, "missing session token");
      return;
    }
    try {
      ctx.put(INSTANCE, tokens.instanceOf(header.substring(7).trim()));
      ctx.next();
    } catch (SessionTokens.InvalidTokenException e) {
      metrics.authFailure(e.getMessage().contains("expired") ? "expired" : "invalid");
      LogContext.warn(LOG, "agent call " + ctx.normalizedPath() + " refused: " + e.getMessage(),
          "path", ctx.normalizedPath(), "reason", e.getMessage());
      unauthorized(ctx, e.getMessage());
    }
  }

  private void unauthorized(RoutingContext ctx, String reason) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hangar-agent\"");
    error(ctx, ErrorCode.SESSION_INVALID, reason);
  }

  private void answer(RoutingContext ctx, Future<JsonObject> result) {
    answer(ctx, result, () -> {});
  }

  /** Answers; {@code undelivered} runs when a success could not reach the caller. */
  private void answer(RoutingContext ctx, Future<JsonObject> result, Runnable undelivered) {
    result.onComplete(
        ar -> {
          if (ar.succeeded()) {
            if (ctx.response().closed() || ctx.response().ended()) {
              undelivered.run();
              return;
            }
            send(ctx, 200, ar.result()).onFailure(e -> undelivered.run());
          } else if (ar.cause() instanceof ApiException e) {
            refuse(ctx, e);
          } else {
            LogContext.error(LOG, "agent call " + ctx.normalizedPath() + " failed upstream: " + describe(ar.cause()),
                "instanceId", ctx.get(INSTANCE), "path", ctx.normalizedPath(), "cause", describe(ar.cause()));
            error(ctx, ErrorCode.UNAVAILABLE, "upstream unavailable");
          }
        });
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status == 413) {
      error(ctx, ErrorCode.TOO_LARGE, "body too large");
    } else if (status >= 400 && status < 500) {
      error(ctx, status == 404 ? ErrorCode.NOT_FOUND : status == 405 ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.BAD_REQUEST, "bad request");
    } else {
      LogContext.error(LOG, "agent call " + ctx.normalizedPath() + " failed: " + describe(ctx.failure()),
          "path", ctx.normalizedPath(), "cause", describe(ctx.failure()));
      error(ctx, ErrorCode.INTERNAL, "internal error");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
  }
}
