package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.testing.InMemoryFleet;
import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.config.ReconcileConfig;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.fleet.AwsFleet;
import dev.hangar.gateway.github.WebClientGitHub;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.ManualClock;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestAppKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Reconciliation wired to real peers: Auto Scaling and EC2 in moto through {@link AwsFleet}
 * (or, for tests about jobs and deliveries only, the in-memory group of {@link InMemoryFleet}),
 * the in-memory ledger, and the GitHub adapter against the OpenAPI-validated test server. The
 * clock starts at the real time (moto stamps real launch times) and is moved by the test.
 */
final class ReconcileHarness implements AutoCloseable {
  static final String ASG = "linux-od";
  static final Pool POOL = new Pool("linux", List.of("self-hosted", "linux"), 10, 0,
      List.of(new Tier(ASG, TierKind.WARM)));
  static final ReconcileConfig SETTINGS =
      new ReconcileConfig(Duration.ofSeconds(60), Duration.ofMinutes(5), 2, Duration.ofDays(3), 20, 20);

  final Vertx vertx;
  final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MicrometerRecorders recorders = new MicrometerRecorders(registry);
  final AwsClients aws;
  final Fleet fleet;
  final MemoryLedger ledger = new MemoryLedger();
  final GitHubTestServer server;
  final WebClientGitHub github;

  ReconcileHarness(Vertx vertx) {
    this(vertx, true);
  }

  /** With {@code moto} false, the group is the in-memory one (for tests about jobs only). */
  ReconcileHarness(Vertx vertx, boolean moto) {
    this.vertx = vertx;
    if (moto) {
      aws = MotoAws.clients();
      MotoPeer.reset();
      MotoGroups.create(aws.ec2(), aws.autoScaling(), ASG, 0, 10);
      fleet = new AwsFleet(vertx, aws.autoScaling(), aws.ec2());
    } else {
      aws = null;
      fleet = new InMemoryFleet().group(ASG, 0, 10_000);
    }
    server = await(GitHubTestServer.start(vertx, 7, TestAppKeys.pair().getPublic(), clock, ""));
    github = WebClientGitHub.create(vertx, GitHubConfig.of(server.apiUrl(), 7, "octo-org", null),
        TestAppKeys.pair().getPrivate(), recorders.github(), clock, clock.delays());
  }

  Reconciler reconciler(Ledger ledger) {
    return new Reconciler(vertx, List.of(POOL), fleet, ledger, github, recorders.reconcile(), SETTINGS, clock);
  }

  Reconciler reconciler() {
    return reconciler(ledger);
  }

  /** Launches instances in the group through the fleet port; returns their ids. */
  List<String> launch(int n) {
    await(fleet.setDesiredCapacity(ASG, n));
    return await(fleet.describe(ASG)).instances().stream().map(i -> i.instanceId()).toList();
  }

  double counter(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  static JobEvent event(long jobId, JobStatus status, int runAttempt, String runner, String conclusion, Instant created) {
    return new JobEvent(jobId, jobId * 10, runAttempt, status, List.of("self-hosted", "linux"),
        "octo-org/app", "octo-org", "CI", "build", runner, conclusion, created,
        status == JobStatus.QUEUED ? null : created, status == JobStatus.COMPLETED ? created : null);
  }

  Job job(long id) {
    return await(ledger.job(id));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  @Override
  public void close() {
    server.close();
    if (aws != null) {
      aws.close();
    }
  }
}
