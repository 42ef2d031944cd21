package dev.hangar.gateway;

import dev.hangar.gateway.aws.AwsClientFactory;
import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.config.LedgerConfig;
import dev.hangar.gateway.fleet.AwsFleet;
import dev.hangar.gateway.github.GitHubApp;
import dev.hangar.gateway.ledger.DynamoLedger;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.AwsTracingInterceptor;
import dev.hangar.gateway.observability.MeterRegistries;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.Runners;
import dev.hangar.gateway.queue.SqsJobQueue;
import dev.hangar.gateway.scaling.SpotInterruptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * What the gateway talks to: queue, ledger, fleet, GitHub, the AWS clients behind them, and
 * telemetry. {@link #from} builds them from the configuration; the local demo, the embedded
 * queue and tests hand in replacements through {@link #builder}. {@link #close()} releases them.
 *
 * @param recorders every user's metrics recorder, on {@code registries}
 * @param github the GitHub App adapter (reconciliation, agent API); null without an App
 * @param runners GitHub as the scaling pass sees runners (idle, busy, retire); null: demand only
 * @param scalingClock the clock of the pool reconciler (the demo's is virtual)
 * @param spotInterruptions spot notices that open a pool's spot circuit breaker
 * @param routes extra routes mounted before the health routes (the demo's live page)
 */
public record Adapters(
    Tracing tracing,
    MeterRegistries registries,
    MicrometerRecorders recorders,
    AwsClientFactory aws,
    JobQueue queue,
    String queueName,
    Ledger ledger,
    Fleet fleet,
    GitHub github,
    Runners runners,
    Clock scalingClock,
    SpotInterruptions spotInterruptions,
    Consumer<Router> routes,
    List<AutoCloseable> closeables)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Adapters.class);

  /** Why the gateway refuses {@code queue.embedded}: only hangar-local supplies that queue. */
  public static final String EMBEDDED_QUEUE_REFUSAL =
      "runs only in hangar-local (java -jar local/target/hangar-local.jar serve --config FILE);"
          + " the gateway needs queue.url";

  /** The production adapters for {@code config}; blocks (clients, GitHub App key): not on an event loop. */
  public static Adapters from(Vertx vertx, HangarConfig config) {
    return builder(vertx, config).build();
  }

  /** A builder whose unset parts come from {@code config}. */
  public static Builder builder(Vertx vertx, HangarConfig config) {
    return new Builder(vertx, config);
  }

  /** Closes the AWS clients, then what was handed in to close, then metrics and tracing. */
  @Override
  public void close() {
    aws.close();
    closeables.forEach(Adapters::closeQuietly);
    closeQuietly(registries);
    closeQuietly(tracing);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }

  /** Replacements for the adapters {@link Adapters#from} would build; unset ones come from config. */
  public static final class Builder {
    private final Vertx vertx;
    private final HangarConfig config;
    private Tracing tracing;
    private AwsCredentialsProvider credentials;
    private Supplier<CloudWatchAsyncClient> cloudWatch;
    private URI queueEndpoint;
    private String queueUrl;
    private AwsCredentialsProvider queueCredentials;
    private Fleet fleet;
    private Runners runners;
    private Clock scalingClock = Clock.systemUTC();
    private SpotInterruptions spotInterruptions;
    private Consumer<Router> routes = router -> {};
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private Builder(Vertx vertx, HangarConfig config) {
      this.vertx = vertx;
      this.config = config;
    }

    /** The configuration the adapters are built from. */
    public HangarConfig config() {
      return config;
    }

    /** This tracing instead of {@code observability.tracing}; closed with the adapters. */
    public Builder tracing(Tracing t) {
      this.tracing = t;
      return this;
    }

    /** These AWS credentials instead of the environment's. */
    public Builder credentials(AwsCredentialsProvider c) {
      this.credentials = c;
      return this;
    }

    /** This CloudWatch client for metrics instead of one from the aws section. */
    public Builder cloudWatch(Supplier<CloudWatchAsyncClient> c) {
      this.cloudWatch = c;
      return this;
    }

    /** The SQS queue {@code url} at {@code endpoint} (an in-process queue) instead of queue.url. */
    public Builder queueAt(String endpoint, String url, AwsCredentialsProvider c) {
      this.queueEndpoint = URI.create(endpoint);
      this.queueUrl = url;
      this.queueCredentials = c;
      return this;
    }

    /** This fleet instead of EC2 Auto Scaling. */
    public Builder fleet(Fleet f) {
      this.fleet = f;
      return this;
    }

    /** GitHub's runners as the scaling pass sees them, when no GitHub App is configured. */
    public Builder runners(Runners g) {
      this.runners = g;
      return this;
    }

    /** The clock of the pool reconciler. */
    public Builder scalingClock(Clock c) {
      this.scalingClock = c;
      return this;
    }

    /** Where spot notices are counted (the simulated agents report theirs here). */
    public Builder spotInterruptions(SpotInterruptions s) {
      this.spotInterruptions = s;
      return this;
    }

    /** Extra routes, mounted before the health routes. */
    public Builder routes(Consumer<Router> r) {
      this.routes = r;
      return this;
    }

    /** Closed with the adapters, after the AWS clients (an in-process queue). */
    public Builder closeWith(AutoCloseable c) {
      closeables.add(c);
      return this;
    }

    /** Builds the adapters; blocks, so call it off the event loop. */
    public Adapters build() {
      if (config.queue().embedded() && queueEndpoint == null) {
        throw new ConfigException("queue.embedded", EMBEDDED_QUEUE_REFUSAL);
      }
      Tracing t = tracing != null ? tracing : Tracing.fromConfig(config.observability().tracing());
      AwsCredentialsProvider creds = credentials != null ? credentials : AwsClientFactory.credentialsFromEnvironment();
      AwsClientFactory aws = new AwsClientFactory(
          new AwsClients(config.aws().region(), config.aws().endpoint(), creds), new AwsTracingInterceptor(t.tracer()));
      MeterRegistries registries = MeterRegistries.create(config.observability().metrics(),
          cloudWatch != null ? cloudWatch : () -> aws.client(CloudWatchAsyncClient.builder()));
      SqsJobQueue queue = new SqsJobQueue(vertx, sqs(aws, creds), queueUrl != null ? queueUrl : config.queue().url(), t,
          Duration.ofMillis(config.queue().batchLingerMillis()));
      Ledger ledger = config.ledger().type() == LedgerConfig.Type.DYNAMODB
          ? new DynamoLedger(vertx, aws.client(DynamoDbAsyncClient.builder()), config.ledger().table())
          : new MemoryLedger();
      Fleet f = fleet != null
          ? fleet
          : new AwsFleet(vertx, aws.client(AutoScalingAsyncClient.builder()), aws.client(Ec2AsyncClient.builder()));
      MicrometerRecorders recorders = new MicrometerRecorders(registries.registry());
      GitHub app = GitHubApp.configured(config.github())
          ? GitHubApp.connect(vertx, config.github(), () -> aws.client(SecretsManagerAsyncClient.builder()),
              recorders.github(), t.tracer())
          : null;
      return new Adapters(t, registries, recorders, aws, queue, queue.queueName(), ledger,
          f, app, runners != null ? runners : app, scalingClock,
          spotInterruptions != null ? spotInterruptions : new SpotInterruptions(), routes, List.copyOf(closeables));
    }

    private SqsAsyncClient sqs(AwsClientFactory aws, AwsCredentialsProvider creds) {
      if (queueEndpoint != null) {
        return aws.client(SqsAsyncClient.builder(), queueEndpoint, queueCredentials);
      }
      return config.queue().endpoint() == null
          ? aws.client(SqsAsyncClient.builder())
          : aws.client(SqsAsyncClient.builder(), URI.create(config.queue().endpoint()), creds);
    }
  }
}
