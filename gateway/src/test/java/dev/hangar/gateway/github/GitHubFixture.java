package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.ManualClock;
import dev.hangar.gateway.testing.TestAppKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A GitHub test server and an adapter pointed at it, sharing a manual clock. */
final class GitHubFixture implements AutoCloseable {
  static final long APP_ID = 31337;

  final Vertx vertx;
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final GitHubTestServer server;
  final GitHubConfig settings;
  final WebClientGitHub github;

  GitHubFixture(Vertx vertx, String owner, String basePath, int maxRetries) {
    this.vertx = vertx;
    this.server =
        await(
            GitHubTestServer.start(
                vertx, APP_ID, TestAppKeys.pair().getPublic(), clock, basePath));
    this.settings =
        GitHubConfig.of(server.apiUrl(), APP_ID, owner, null)
            .withRetries(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(15));
    this.github =
        WebClientGitHub.create(
            vertx, settings, TestAppKeys.pair().getPrivate(), new MicrometerRecorders(registry).github(), clock, clock.delays());
  }

  GitHubFixture(Vertx vertx) {
    this(vertx, "octo-org", "", 3);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
