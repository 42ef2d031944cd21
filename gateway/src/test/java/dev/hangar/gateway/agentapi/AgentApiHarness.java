package dev.hangar.gateway.agentapi;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingConfig;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.testing.IdentityDocuments;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent API on a real HTTP server (free port) over the given ports, with a test
 * identity signer, a settable clock, a meter registry and a capture of every log line.
 */
final class AgentApiHarness implements AutoCloseable {
  static final String REGION = "eu-west-1";
  static final String ACCOUNT = "123456789012";
  static final String WARM_ASG = "hangar-linux-warm";
  static final String SPOT_ASG = "hangar-linux-spot";
  static final Pool POOL =
      new Pool("linux", List.of("self-hosted", "linux", "x64"), 10, 0,
          List.of(new Tier(WARM_ASG, TierKind.WARM), new Tier(SPOT_ASG, TierKind.SPOT)));
  static final String REUSE_ASG = "hangar-linux-reuse";
  /** A pool whose instances take up to three jobs each ({@code maxJobsPerRunner: 3}). */
  static final Pool REUSE_POOL =
      new Pool("linux-reuse", List.of("self-hosted", "linux", "x64", "trusted"), 10, 0,
          List.of(new Tier(REUSE_ASG, TierKind.SPOT)), ScalingConfig.defaults().withReuseAndForecast(3, 0));
  private static IdentityDocuments awsSigner;

  final Vertx vertx;
  final IdentityDocuments signer;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-27T10:00:00Z"));
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final AgentApi api;
  /** Every log line, with its MDC captured when written (as the async JSON appender does). */
  final ListAppender<ILoggingEvent> logs = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent e) {
      e.prepareForDeferredProcessing();
      super.append(e);
    }
  };
  /** Answers that did not match the document (checked after each test). */
  final List<String> undocumented = new CopyOnWriteArrayList<>();
  /** Whether answers are checked against the document (off where only volume matters). */
  volatile boolean checkAnswers = true;
  private final HttpServer server;
  /** How many answers the server gave, by status (whoever the client was). */
  final java.util.Map<Integer, Integer> answered = new java.util.concurrent.ConcurrentSkipListMap<>();
  /** Client connections the server has seen closed. */
  final java.util.concurrent.atomic.AtomicInteger closedConnections = new java.util.concurrent.atomic.AtomicInteger();
  private final ch.qos.logback.classic.Level previousLevel;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  final String region;

  AgentApiHarness(Vertx vertx, Path tmp, AgentApiConfig config, Fleet fleet, Ledger ledger, GitHub github)
      throws Exception {
    this(vertx, tmp, config, fleet, ledger, github, REGION, "hangar-runners");
  }

  AgentApiHarness(
      Vertx vertx, Path tmp, AgentApiConfig config, Fleet fleet, Ledger ledger, GitHub github,
      String region, String runnerGroup) throws Exception {
    this.vertx = vertx;
    this.region = region;
    this.signer = signer();
    AgentApiConfig withCert =
        new AgentApiConfig(
            List.of(signer.writeCertificate(tmp).toString()), config.accountId(), config.sessionTtl(),
            config.sessionKey(), config.runnerVersion(), config.runnerDownload(), config.launchHook(),
            config.terminationHook(), config.bodyLimitBytes(), config.rateLimits());
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    // Other tests in the JVM may quieten the root logger (the demo does): capture INFO here.
    Logger agentApiLogger = (Logger) LoggerFactory.getLogger(AgentApi.class.getPackageName());
    this.previousLevel = agentApiLogger.getLevel();
    agentApiLogger.setLevel(ch.qos.logback.classic.Level.INFO);
    this.api = new AgentApi(vertx, withCert, region, runnerGroup, List.of(POOL, REUSE_POOL),
        new AgentApi.Ports(fleet, ledger, github, new MicrometerRecorders(meters).agent(), clock));
    Router root = Router.router(vertx);
    root.route().handler(ctx -> {
      ctx.addHeadersEndHandler(v -> answered.merge(ctx.response().getStatusCode(), 1, Integer::sum));
      ctx.next();
    });
    api.mount(root);
    this.server = vertx.createHttpServer()
        .connectionHandler(c -> c.closeHandler(v -> closedConnections.incrementAndGet()))
        .requestHandler(root).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    this.base = "http://127.0.0.1:" + server.actualPort();
  }

  /** The config every test starts from: account check on, one hour sessions. */
  static AgentApiConfig config() {
    return new AgentApiConfig(null, ACCOUNT, Duration.ofHours(1), null, null, null, null, null, null);
  }

  /** One shared signer per JVM: RSA key generation is the slow part. */
  static synchronized IdentityDocuments signer() {
    if (awsSigner == null) {
      awsSigner = IdentityDocuments.newSigner("Hangar test AWS identity");
    }
    return awsSigner;
  }

  String document(String instanceId) {
    return signer.rsa2048(instanceId, region, ACCOUNT, "2026-11-27T09:58:00Z");
  }

  record Response(int status, JsonObject body, HttpResponse<String> raw) {}

  Response post(String path, JsonObject body, String token) throws IOException, InterruptedException {
    return postRaw(path, body.encode(), token);
  }

  Response postRaw(String path, String body, String token) throws IOException, InterruptedException {
    return postRaw(path, body, token, Duration.ofSeconds(10));
  }

  Response postRaw(String path, String body, String token, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + AgentApi.MOUNT + path))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonObject json = r.body().isEmpty() ? null : new JsonObject(r.body());
    // Every answer must be what docs/agent-api.yaml promises for that path and status.
    if (!checkAnswers || AgentApiDocument.tree().get("paths").get(AgentApi.MOUNT + path) == null) {
      return new Response(r.statusCode(), json, r);
    }
    var violations = AgentApiDocument.checkResponse(
        AgentApi.MOUNT + path, r.statusCode(), new ObjectMapper().readTree(r.body()));
    violations.forEach(v -> undocumented.add(path + " " + r.statusCode() + ": " + v));
    return new Response(r.statusCode(), json, r);
  }

  Response get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(base + AgentApi.MOUNT + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body().isEmpty() ? null : new JsonObject(r.body()), r);
  }

  int port() {
    return server.actualPort();
  }

  Response session(String instanceId) throws IOException, InterruptedException {
    return post("/session", new JsonObject().put("identityDocument", document(instanceId)), null);
  }

  Response register(String instanceId) throws IOException, InterruptedException {
    return post("/register",
        new JsonObject().put("identityDocument", document(instanceId)).put("runnerVersion", "2.320.0"), null);
  }

  /** Registration number {@code sequence} of the instance's launch, as a reusing agent asks for it. */
  Response register(String instanceId, int sequence) throws IOException, InterruptedException {
    return post("/register", new JsonObject().put("identityDocument", document(instanceId))
        .put("runnerVersion", "2.320.0").put("sequence", sequence), null);
  }

  double count(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  /** Every captured log line with its key-values and throwable, as one text. */
  String logText() {
    return logs.list.stream()
        .map(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap() + " " + e.getKeyValuePairs()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    ((Logger) LoggerFactory.getLogger(AgentApi.class.getPackageName())).setLevel(previousLevel);
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A clock the test moves forward. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
