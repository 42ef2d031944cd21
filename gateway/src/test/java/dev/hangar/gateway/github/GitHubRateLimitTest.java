package dev.hangar.gateway.github;

import static dev.hangar.gateway.github.GitHubFixture.await;
import static dev.hangar.gateway.github.GitHubFixture.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.testing.GitHubTestServer.Recorded;
import dev.hangar.gateway.testing.GitHubTestServer.Reply;
import dev.hangar.gateway.testing.OpenApiContract;
import dev.hangar.gateway.testing.TestAppKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits, secondary limits, retries and backoff, on virtual time. */
class GitHubRateLimitTest extends GitHubAdapterTestBase {
  private static final String GET_JOB = "actions/get-job-for-workflow-run";

  private void withJob() {
    fx.server.putJob("octo-org/app", 1, 1, "queued", null, List.of("x"), Instant.EPOCH);
  }

  private Object jobExample() {
    return OpenApiContract.load().example(GET_JOB, 200);
  }

  @Test
  void emptyBucketMakesTheNextCallWaitForTheResetWithoutSendingEarly() {
    fx = new GitHubFixture(vertx);
    withJob();
    await(fx.github.job("octo-org/app", 1)); // token and installation settled
    Instant reset = fx.clock.instant().plusSeconds(600);
    fx.server.script(GET_JOB, new Reply(200, Map.of(
        "x-ratelimit-remaining", "0",
        "x-ratelimit-reset", String.valueOf(reset.getEpochSecond()),
        "x-ratelimit-resource", "core"), jobExample()));
    await(fx.github.job("octo-org/app", 1));
    assertEquals(0.0, fx.registry.get("hangar.github.ratelimit.remaining").tag("resource", "core").gauge().value());
    long sent = fx.server.count(GET_JOB);
    List<io.vertx.core.Future<?>> waiting = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiting.add(fx.github.job("octo-org/app", 1));
    }
    waiting.forEach(GitHubFixture::await);
    List<Recorded> after = fx.server.requests().stream()
        .filter(r -> r.operationId().equals(GET_JOB)).skip(sent).toList();
    assertEquals(10, after.size());
    assertTrue(after.stream().noneMatch(r -> r.at().isBefore(reset)), "every call waited for the reset");
    assertTrue(fx.clock.sleeps().stream().allMatch(d -> d.compareTo(Duration.ofSeconds(600)) >= 0));
    assertEquals(0, fx.server.limitedRequests(), "no request hit the empty bucket");
  }

  @Test
  void resetTooFarAwayFailsFastWithoutARequest() {
    fx = new GitHubFixture(vertx);
    withJob();
    await(fx.github.job("octo-org/app", 1));
    Instant reset = fx.clock.instant().plusSeconds(3600);
    fx.server.script(GET_JOB, new Reply(200, Map.of(
        "x-ratelimit-remaining", "0",
        "x-ratelimit-reset", String.valueOf(reset.getEpochSecond())), jobExample()));
    await(fx.github.job("octo-org/app", 1));
    long before = fx.server.count(GET_JOB);
    GitHubRateLimitException e =
        assertInstanceOf(GitHubRateLimitException.class, failure(fx.github.job("octo-org/app", 1)));
    assertEquals(reset, e.retryAt());
    assertEquals(before, fx.server.count(GET_JOB));
  }

  @Test
  void primaryLimit403WaitsForResetThenSucceedsWithoutAStorm() {
    fx = new GitHubFixture(vertx);
    withJob();
    await(fx.github.job("octo-org/app", 1));
    fx.server.exhaustRateLimit(fx.clock.instant().plusSeconds(120));
    await(fx.github.job("octo-org/app", 1));
    assertEquals(1, fx.server.limitedRequests());
    assertTrue(fx.clock.sleeps().contains(Duration.ofSeconds(121)), fx.clock.sleeps().toString());
    for (int i = 0; i < 5; i++) {
      await(fx.github.job("octo-org/app", 1));
    }
    assertEquals(1, fx.server.limitedRequests());
  }

  @Test
  void secondaryLimitHonoursRetryAfterOn403And429() {
    fx = new GitHubFixture(vertx);
    withJob();
    fx.server.script(GET_JOB,
        new Reply(403, Map.of("retry-after", "30"),
            new JsonObject().put("message", "You have exceeded a secondary rate limit.")),
        new Reply(429, Map.of("retry-after", "7"), new JsonObject().put("message", "slow down")));
    assertEquals(1, await(fx.github.job("octo-org/app", 1)).id());
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(7)), fx.clock.sleeps());
    assertEquals(3, fx.server.count(GET_JOB));
  }

  @Test
  void secondaryLimitWithoutHeadersWaitsAMinute() {
    fx = new GitHubFixture(vertx);
    withJob();
    fx.server.script(GET_JOB, new Reply(403, Map.of(),
        new JsonObject().put("message", "You have exceeded a secondary rate limit. Please wait.")));
    await(fx.github.job("octo-org/app", 1));
    assertEquals(List.of(Duration.ofSeconds(60)), fx.clock.sleeps());
  }

  @Test
  void plainForbiddenIsNotRetried() {
    fx = new GitHubFixture(vertx);
    withJob();
    fx.server.script(GET_JOB, new Reply(403, Map.of(), new JsonObject().put("message", "Resource not accessible by integration")));
    GitHubApiException e = assertInstanceOf(GitHubApiException.class, failure(fx.github.job("octo-org/app", 1)));
    assertEquals(403, e.status());
    assertEquals(1, fx.server.count(GET_JOB));
    assertEquals(List.of(), fx.clock.sleeps());
  }

  @Test
  void serverErrorsAreRetriedWithGrowingJitteredBackoffThenGivenUp() {
    fx = new GitHubFixture(vertx);
    withJob();
    fx.server.script(GET_JOB, Reply.of(502), Reply.of(503), Reply.of(500), Reply.of(502), Reply.of(502));
    GitHubApiException e = assertInstanceOf(GitHubApiException.class, failure(fx.github.job("octo-org/app", 1)));
    assertEquals(502, e.status());
    assertEquals(4, fx.server.count(GET_JOB), "first try + maxRetries 3");
    List<Duration> sleeps = fx.clock.sleeps();
    assertEquals(3, sleeps.size());
    for (int n = 0; n < 3; n++) {
      long cap = 1000L << n;
      long ms = sleeps.get(n).toMillis();
      assertTrue(ms >= cap / 2 && ms <= cap, "retry " + n + " waited " + ms);
    }
    assertEquals(4L, fx.registry.get("hangar.github.requests").tag("endpoint", "get-job").timers()
        .stream().mapToLong(t -> t.count()).sum());
  }

  @Test
  void serverErrorWithRetryAfterWaitsAtLeastThatLong() {
    fx = new GitHubFixture(vertx);
    withJob();
    fx.server.script(GET_JOB, Reply.of(503, Map.of("retry-after", "45")));
    await(fx.github.job("octo-org/app", 1));
    assertEquals(List.of(Duration.ofSeconds(45)), fx.clock.sleeps());
  }

  @Test
  void transientServerErrorRecovers() {
    fx = new GitHubFixture(vertx);
    withJob();
    fx.server.script(GET_JOB, Reply.of(502), Reply.of(503));
    assertEquals(1, await(fx.github.job("octo-org/app", 1)).id());
    assertEquals(3, fx.server.count(GET_JOB));
    assertEquals(1L, fx.registry.get("hangar.github.requests")
        .tag("endpoint", "get-job").tag("status", "200").timer().count());
  }

  @Test
  void networkErrorsAreRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var clock = new dev.hangar.gateway.testing.ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    GitHubConfig settings = GitHubConfig.of("http://127.0.0.1:" + port, 1, "o", null)
        .withRetries(2, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(1));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WebClientGitHub gh = WebClientGitHub.create(vertx, settings, TestAppKeys.pair().getPrivate(),
        new MicrometerRecorders(registry).github(), clock, clock.delays());
    GitHubApiException e = assertInstanceOf(GitHubApiException.class, failure(gh.listRunners()));
    assertEquals(0, e.status());
    assertEquals(2, clock.sleeps().size());
    assertEquals(3L, registry.get("hangar.github.requests").tag("status", "error").timer().count());
  }

  @Test
  void requestMetricsCountByEndpointAndStatus() {
    fx = new GitHubFixture(vertx);
    withJob();
    await(fx.github.job("octo-org/app", 1));
    failure(fx.github.job("octo-org/app", 2));
    assertEquals(1L, fx.registry.get("hangar.github.requests").tag("endpoint", "get-job").tag("status", "200").timer().count());
    assertEquals(1L, fx.registry.get("hangar.github.requests").tag("endpoint", "get-job").tag("status", "404").timer().count());
    assertEquals(1L, fx.registry.get("hangar.github.requests").tag("endpoint", "create-installation-token").tag("status", "201").timer().count());
  }
}
