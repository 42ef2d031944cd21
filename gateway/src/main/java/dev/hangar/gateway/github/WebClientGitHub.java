package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.observability.GitHubMetrics;
import dev.hangar.gateway.port.GitHub;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link GitHub} port on GitHub's REST API (github.com or GHES via {@code github.apiUrl}),
 * as a GitHub App installation, non-blocking on Vert.x WebClient. One endpoint group per narrow
 * port ({@link RestRunners}, {@link RestRegistration}, {@link RestWorkflowJobs}, {@link
 * RestDeliveries}, {@link RestRunnerReleases}) over one authenticated, rate-limit-aware sender.
 */
public final class WebClientGitHub implements GitHub {
  private final GitHubCalls calls;
  private final RestRunners runners;
  private final RestRegistration registration;
  private final RestWorkflowJobs jobs;
  private final RestDeliveries deliveries;
  private final RestRunnerReleases releases;

  /** Production wiring: Vert.x timers, the system clock, jittered backoff. */
  public static WebClientGitHub create(
      Vertx vertx, GitHubConfig settings, PrivateKey key, GitHubMetrics metrics) {
    return create(vertx, settings, key, metrics, Clock.systemUTC(), Delays.vertx(vertx));
  }

  /** Production wiring with a span per GitHub call. */
  public static WebClientGitHub create(
      Vertx vertx, GitHubConfig settings, PrivateKey key, GitHubMetrics metrics, Tracer tracer) {
    return create(vertx, settings, key, metrics, Clock.systemUTC(), Delays.vertx(vertx), tracer);
  }

  /** Wiring with an injectable clock and delays (tests run backoff on virtual time). */
  public static WebClientGitHub create(
      Vertx vertx,
      GitHubConfig settings,
      PrivateKey key,
      GitHubMetrics metrics,
      Clock clock,
      Delays delays) {
    return create(
        vertx, settings, key, metrics, clock, delays,
        OpenTelemetry.noop().getTracer("dev.hangar.gateway"));
  }

  /** Full wiring: clock, delays and tracer injectable. */
  public static WebClientGitHub create(
      Vertx vertx,
      GitHubConfig settings,
      PrivateKey key,
      GitHubMetrics metrics,
      Clock clock,
      Delays delays,
      Tracer tracer) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("hangar-gateway")
                .setFollowRedirects(false)
                .setConnectTimeout((int) settings.requestTimeout().toMillis()));
    Backoff backoff =
        new Backoff(
            settings.backoffBase(),
            settings.backoffMax(),
            () -> ThreadLocalRandom.current().nextDouble());
    GitHubHttp http = new GitHubHttp(client, settings, clock, delays, metrics, backoff, tracer);
    InstallationTokens tokens =
        new InstallationTokens(new AppJwt(settings.appId(), key, clock), settings, clock);
    tokens.attach(http);
    http.credentials(tokens);
    return new WebClientGitHub(settings, http, clock);
  }

  private WebClientGitHub(GitHubConfig settings, GitHubHttp http, Clock clock) {
    this.calls = new GitHubCalls(settings, http);
    this.runners = new RestRunners(calls);
    this.registration = new RestRegistration(calls, runners);
    this.jobs = new RestWorkflowJobs(calls);
    this.deliveries = new RestDeliveries(calls);
    this.releases = new RestRunnerReleases(calls, clock);
  }

  @Override
  public Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder) {
    return registration.generateJitConfig(runnerName, labels, runnerGroupId, workFolder);
  }

  @Override
  public Future<Long> runnerGroupId(String name) {
    return registration.runnerGroupId(name);
  }

  @Override
  public Future<List<Runner>> listRunners() {
    return runners.listRunners();
  }

  @Override
  public Future<Runner> runnerNamed(String name) {
    return runners.runnerNamed(name);
  }

  @Override
  public Future<Void> deleteRunner(long runnerId) {
    return runners.deleteRunner(runnerId);
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    return jobs.job(repository, jobId);
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    return jobs.rerunJob(repository, jobId);
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return deliveries.deliveriesSince(since);
  }

  @Override
  public Future<List<Delivery>> failedDeliveriesSince(Instant since) {
    return deliveries.failedDeliveriesSince(since);
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    return deliveries.redeliver(deliveryId);
  }

  @Override
  public Future<String> latestRunnerVersion() {
    return releases.latestRunnerVersion();
  }

  @Override
  public String toString() {
    return "WebClientGitHub[" + calls + "]";
  }
}
