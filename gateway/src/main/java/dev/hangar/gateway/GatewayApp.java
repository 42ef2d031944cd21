package dev.hangar.gateway;

import dev.hangar.gateway.agentapi.AgentApi;
import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.config.LedgerConfig;
import dev.hangar.gateway.config.ServerConfig;
import dev.hangar.gateway.consumer.JobConsumer;
import dev.hangar.gateway.consumer.TracedMessages;
import dev.hangar.gateway.domain.DemandPolicy;
import dev.hangar.gateway.fleet.AwsFleet;
import dev.hangar.gateway.github.GitHubApp;
import dev.hangar.gateway.http.EdgeErrors;
import dev.hangar.gateway.http.RequestDeadlines;
import dev.hangar.gateway.ledger.DynamoLedger;
import dev.hangar.gateway.ledger.InterruptionNotifyingLedger;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.AwsTracingInterceptor;
import dev.hangar.gateway.observability.HangarMeters;
import dev.hangar.gateway.observability.HealthRoutes;
import dev.hangar.gateway.observability.MeterRegistries;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.queue.SqsJobQueue;
import dev.hangar.gateway.reconcile.Reconciler;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.poolsapi.PoolsApi;
import dev.hangar.gateway.scaling.DemandPass;
import dev.hangar.gateway.scaling.PassResult;
import dev.hangar.gateway.scaling.PoolPass;
import dev.hangar.gateway.scaling.ScalingPass;
import dev.hangar.gateway.scaling.SpotInterruptions;
import dev.hangar.gateway.sim.LocalPeers;
import dev.hangar.gateway.scaling.MeterPoolGauges;
import dev.hangar.gateway.scaling.PoolReconciler;
import dev.hangar.gateway.webhook.WebhookHandler;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The running gateway: builds the adapters from the configuration, mounts the routes and
 * starts the HTTP server; {@link #stop()} stops accepting, lets in-flight requests finish and
 * closes everything in reverse order. Components are added with one line each in {@link
 * #wire()}.
 */
public final class GatewayApp {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  /** What tests (or the demo) replace; {@link #defaults()} is what {@code serve} uses. */
  public record Overrides(
      Tracing tracing,
      AwsCredentialsProvider credentials,
      Supplier<CloudWatchAsyncClient> cloudWatch,
      LocalPeers local) {

    /** Tracing from config, credentials from the environment, CloudWatch from aws config. */
    public static Overrides defaults() {
      return new Overrides(null, null, null, null);
    }

    /** The same with this tracing. */
    public Overrides withTracing(Tracing t) {
      return new Overrides(t, credentials, cloudWatch, local);
    }

    /** The same with this CloudWatch client. */
    public Overrides withCloudWatch(Supplier<CloudWatchAsyncClient> c) {
      return new Overrides(tracing, credentials, c, local);
    }

    /** The same with these AWS credentials. */
    public Overrides withCredentials(AwsCredentialsProvider c) {
      return new Overrides(tracing, c, cloudWatch, local);
    }

    /** The same with the simulated fleet and GitHub of the local demo. */
    public Overrides withLocalPeers(LocalPeers l) {
      return new Overrides(tracing, credentials, cloudWatch, l);
    }
  }

  private final Vertx vertx;
  private final HangarConfig config;
  private final Tracing tracing;
  private final AwsClients aws;
  private final AwsTracingInterceptor awsTracing;
  private final List<SdkClient> clients = new ArrayList<>();
  private final MeterRegistries registries;
  private final HangarMeters meters;
  private final EmbeddedSqs embeddedSqs;
  private final JobQueue queue;
  private final String queueName;
  private final Ledger ledger;
  private final Fleet fleet;
  /** The GitHub App adapter; null when no App is configured (webhook-only or demo). */
  private final GitHub github;
  /** Runner, job and delivery reconciliation; null without a GitHub App. */
  private Reconciler reconcile;
  /** The agent API ({@code /agent/v1}); null without a GitHub App. */
  private AgentApi agentApi;
  private final Router router;
  private final HealthRoutes health;
  /** JSON answers for requests refused before a route handler runs. */
  private final EdgeErrors edgeErrors = new EdgeErrors();
  /** Stopped in reverse order of registration, after the HTTP server stopped accepting. */
  private final List<Supplier<Future<?>>> stopHooks = new ArrayList<>();
  private HttpServer server;
  private final LocalPeers local;
  private ScalingPass scalingPass;
  /** Spot notices agents report, for the spot circuit breaker of the scaling pass. */
  private final SpotInterruptions spotInterruptions = new SpotInterruptions();

  private GatewayApp(Vertx vertx, HangarConfig config, Overrides o) {
    this.vertx = vertx;
    this.config = config;
    this.tracing = o.tracing() != null ? o.tracing() : Tracing.fromConfig(config.observability().tracing());
    AwsCredentialsProvider creds = o.credentials() != null ? o.credentials() : credentialsFromEnvironment();
    this.aws = new AwsClients(config.aws().region(), config.aws().endpoint(), creds);
    this.awsTracing = new AwsTracingInterceptor(tracing.tracer());
    this.registries = MeterRegistries.create(
        config.observability().metrics(),
        o.cloudWatch() != null ? o.cloudWatch() : () -> client(CloudWatchAsyncClient.builder()));
    this.meters = new HangarMeters(registries.registry());
    SqsAsyncClient sqs;
    String queueUrl;
    if (config.queue().embedded()) {
      this.embeddedSqs = EmbeddedSqs.start();
      sqs = client(SqsAsyncClient.builder(), URI.create(embeddedSqs.endpoint()), EmbeddedSqs.CREDENTIALS);
      queueUrl = embeddedSqs.queueUrl();
    } else {
      this.embeddedSqs = null;
      sqs = config.queue().endpoint() == null
          ? client(SqsAsyncClient.builder())
          : client(SqsAsyncClient.builder(), URI.create(config.queue().endpoint()), creds);
      queueUrl = config.queue().url();
    }
    SqsJobQueue sqsQueue =
        new SqsJobQueue(vertx, sqs, queueUrl, tracing, Duration.ofMillis(config.queue().batchLingerMillis()));
    this.queue = sqsQueue;
    this.queueName = sqsQueue.queueName();
    this.ledger = config.ledger().type() == LedgerConfig.Type.DYNAMODB
        ? new DynamoLedger(vertx, client(DynamoDbAsyncClient.builder()), config.ledger().table())
        : new MemoryLedger();
    this.local = o.local();
    this.fleet = local != null
        ? local.fleet()
        : new AwsFleet(vertx, client(AutoScalingAsyncClient.builder()), client(Ec2AsyncClient.builder()));
    this.github = GitHubApp.configured(config.github())
        ? GitHubApp.connect(vertx, config.github(), () -> client(SecretsManagerAsyncClient.builder()), registries.registry(),
            tracing.tracer())
        : null;
    this.router = Router.router(vertx);
    this.health = new HealthRoutes(registries, Duration.ofSeconds(2));
    wire();
  }

  /** Every route and service of the gateway, one line each. */
  private void wire() {
    // The full scaling pass needs GitHub's view of runners (idle/busy) and retires through it;
    // without a GitHub App configured, serve falls back to the demand-only pass.
    if (local != null) {
      this.scalingPass = new ScalingPass(ledger, fleet, local.github(), local.spotInterruptions(),
          new ScalingPolicy(), registries.registry());
    } else if (github != null) {
      this.scalingPass = new ScalingPass(ledger, fleet, github, spotInterruptions,
          new ScalingPolicy(), registries.registry());
    }
    WebhookHandler webhook = new WebhookHandler(
        new WebhookSignature(config.github().webhookSecrets()),
        config.pools(),
        queue,
        Duration.ofMillis(config.queue().sendTimeoutMillis()),
        meters,
        tracing);
    webhook.mount(router, config.server().bodyLimitBytes());
    edgeErrors.under("/webhook", webhook::refuse).mount(router);
    health.readiness("queue", queue::ping);
    health.readiness("ledger", ledger::ping);
    if (config.poolLoop().enabled()) {
      PoolPass pass = scalingPass != null
          ? scalingPass
          : new DemandPass(ledger, fleet, new DemandPolicy()::plan, new MeterPoolGauges(meters));
      PoolReconciler reconciler = new PoolReconciler(vertx, config.pools(), pass,
          config.poolLoop().debounce(), config.poolLoop().period(),
          local != null ? local.clock() : Clock.systemUTC());
      JobConsumer consumer = new JobConsumer(vertx, queue, ledger, reconciler::poolChanged,
          new TracedMessages(tracing, queueName), JobConsumer.Options.from(config.poolLoop()), registries.registry());
      service(reconciler::start, reconciler::stop)
          .onSuccess(v -> service(consumer::start, consumer::stop));
    }
    if (github != null) {
      reconcile = new Reconciler(vertx, config.pools(), fleet, ledger, github, registries.registry(),
          config.reconcile(), Clock.systemUTC(), tracing.tracer());
      Reconciler r = reconcile;
      service(() -> {
        r.start();
        return Future.succeededFuture();
      }, () -> {
        r.stop();
        return Future.succeededFuture();
      });
      // Spot interruptions the agents report: spot re-runs watch the job at once, and the spot
      // circuit breaker of the job's pool counts the notice.
      Ledger agentLedger = new InterruptionNotifyingLedger(ledger, List.of(
          reconcile.interruptionListener(), spotInterruptions.recorder(Clock.systemUTC())));
      agentApi = new AgentApi(vertx, config.agentApi(), config.aws().region(), config.github().runnerGroup(),
          config.pools(), new AgentApi.Ports(fleet, agentLedger, github, registries.registry(), Clock.systemUTC()));
      agentApi.mount(router);
    }
    new PoolsApi(config.pools(), ledger, fleet, name -> {
          PassResult last = scalingPass == null ? null : scalingPass.lastResults().get(name);
          return last == null ? null : last.plan();
        })
        .mount(router);
    if (local != null) {
      local.routes().accept(router);
    }
    health.mount(router);
  }

  /**
   * Runs a background service on an event loop of its own (a verticle), so it never shares one
   * with request handling; the gateway's stop undeploys it, which calls {@code stop}.
   */
  private Future<String> service(Supplier<Future<?>> start, Supplier<Future<?>> stop) {
    Future<String> deployed = vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return start.get();
      }

      @Override
      public Future<?> stop() {
        return stop.get();
      }
    });
    stopHooks.add(() -> deployed.compose(vertx::undeploy));
    return deployed;
  }

  /**
   * An AWS client configured like every other (region, endpoint, retries, shared CRT HTTP
   * client) plus a span per call; closed on {@link #stop()}.
   */
  public <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
    return client(builder, null, null);
  }

  private synchronized <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C extends SdkClient> C client(
      B builder, URI endpoint, AwsCredentialsProvider credentials) {
    aws.configure(builder);
    builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(awsTracing).build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint).credentialsProvider(credentials);
    }
    C c = builder.build();
    clients.add(c);
    return c;
  }

  /**
   * The default credentials chain; {@code HANGAR_AWS_STATIC_CREDENTIALS=true} (or the system
   * property {@code hangar.aws.staticCredentials}) uses fixed dummy ones, for emulators.
   */
  public static AwsCredentialsProvider credentialsFromEnvironment() {
    boolean dummy = Boolean.parseBoolean(System.getenv("HANGAR_AWS_STATIC_CREDENTIALS"))
        || Boolean.getBoolean("hangar.aws.staticCredentials");
    return dummy ? dummyCredentials() : DefaultCredentialsProvider.builder().build();
  }

  /** Fixed credentials that emulators (moto, ElasticMQ) accept. */
  public static AwsCredentialsProvider dummyCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  /** Builds the gateway and starts listening; blocking set-up runs off the event loop. */
  public static Future<GatewayApp> start(Vertx vertx, HangarConfig config) {
    return start(vertx, config, Overrides.defaults());
  }

  /** As {@link #start(Vertx, HangarConfig)} with test or demo replacements. */
  public static Future<GatewayApp> start(Vertx vertx, HangarConfig config, Overrides overrides) {
    return vertx.executeBlocking(() -> new GatewayApp(vertx, config, overrides), false)
        .compose(GatewayApp::listen);
  }

  private Future<GatewayApp> listen() {
    ServerConfig s = config.server();
    RequestDeadlines deadlines = new RequestDeadlines(vertx, Duration.ofSeconds(s.requestTimeoutSeconds()),
        Duration.ofSeconds(s.idleTimeoutSeconds()), edgeErrors);
    server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(s.host())
            .setPort(s.port())
            .setCompressionSupported(false)
            .setIdleTimeout(s.idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // HTTP/1.1 only (GitHub and the load balancer speak it): the request deadlines
            // follow HTTP/1.1's one-request-after-another on a connection.
            .setHttp2ClearTextEnabled(false))
        .connectionHandler(deadlines::connected)
        .invalidRequestHandler(edgeErrors::invalidRequest)
        .requestHandler(deadlines.guard(router));
    return server.listen().map(listening -> {
      LOG.info("gateway listening on {}:{} with {} pool(s)", s.host(), listening.actualPort(), config.pools().size());
      return this;
    });
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** The configuration the gateway runs with. */
  public HangarConfig config() {
    return config;
  }

  /** The job queue (SQS). */
  public JobQueue queue() {
    return queue;
  }

  /** The job ledger (memory or DynamoDB, per {@code ledger.type}). */
  public Ledger ledger() {
    return ledger;
  }

  /** The runner fleet (EC2 Auto Scaling). */
  public Fleet fleet() {
    return fleet;
  }

  /** The GitHub App adapter, or null when no App is configured. */
  public GitHub github() {
    return github;
  }

  /** Reconciliation (runners, stale jobs, redeliveries, spot re-runs), or null without an App. */
  public Reconciler reconcile() {
    return reconcile;
  }

  /** The agent API (runner registration, heartbeats, retirement), or null without an App. */
  public AgentApi agentApi() {
    return agentApi;
  }

  /** Hangar's meters. */
  public HangarMeters meters() {
    return meters;
  }

  /** Metric registries (Prometheus scrape). */
  public MeterRegistries registries() {
    return registries;
  }

  /** Tracing. */
  public Tracing tracing() {
    return tracing;
  }

  /** The AWS client factory built from the configuration (use {@link #client} for traced clients). */
  public AwsClients aws() {
    return aws;
  }

  /** The embedded queue when {@code queue.embedded}, else null. */
  public EmbeddedSqs embeddedSqs() {
    return embeddedSqs;
  }

  /**
   * Graceful stop: the server stops accepting and in-flight requests get {@code
   * server.shutdownGraceSeconds} to finish; then services stop and clients close.
   */
  public Future<Void> stop() {
    Future<Void> httpDown = server == null
        ? Future.succeededFuture()
        : server.shutdown(config.server().shutdownGraceSeconds(), TimeUnit.SECONDS);
    return httpDown
        .transform(ar -> stopServices(stopHooks.size() - 1))
        .transform(ar -> vertx.executeBlocking(() -> {
          synchronized (this) {
            clients.forEach(GatewayApp::closeQuietly);
          }
          closeQuietly(aws);
          if (embeddedSqs != null) {
            closeQuietly(embeddedSqs);
          }
          closeQuietly(registries);
          closeQuietly(tracing);
          return null;
        }, false))
        .mapEmpty();
  }

  private Future<Void> stopServices(int i) {
    if (i < 0) {
      return Future.succeededFuture();
    }
    Future<?> f;
    try {
      f = stopHooks.get(i).get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.transform(ar -> {
      if (ar.failed()) {
        LOG.warn("stopping a service failed: {}", ar.cause().toString());
      }
      return stopServices(i - 1);
    });
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
