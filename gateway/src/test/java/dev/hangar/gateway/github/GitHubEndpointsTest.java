package dev.hangar.gateway.github;

import static dev.hangar.gateway.github.GitHubFixture.await;
import static dev.hangar.gateway.github.GitHubFixture.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.port.GitHub;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The adapter's endpoints against the OpenAPI-validated GitHub test server. */
class GitHubEndpointsTest extends GitHubAdapterTestBase {
  @Test
  void generatesAJitConfigForTheOrganization() {
    fx = new GitHubFixture(vertx);
    GitHub.JitConfig jit =
        await(fx.github.generateJitConfig("i-0abc", List.of("self-hosted", "linux"), 1, "_work"));
    assertEquals("i-0abc", jit.runnerName());
    assertTrue(jit.runnerId() > 0);
    assertTrue(jit.encodedJitConfig().startsWith("jit-"));
    assertEquals(1, fx.server.count("actions/generate-runner-jitconfig-for-org"));
    assertEquals(1, fx.server.count("apps/get-org-installation"));
    assertEquals(List.of("self-hosted", "linux"), fx.server.runner("i-0abc").labels);
  }

  @Test
  void aRunnerLeftFromAnEarlierAttemptIsReplaced() {
    fx = new GitHubFixture(vertx);
    long stale = fx.server.addRunner("i-0dup", "offline", false, List.of("self-hosted"));
    GitHub.JitConfig jit = await(fx.github.generateJitConfig("i-0dup", List.of("self-hosted"), 1, null));
    assertTrue(jit.runnerId() != stale);
    assertEquals(1, fx.server.runners().size());
    fx.server.runner("i-0dup").busy = true;
    assertInstanceOf(GitHub.RunnerBusyException.class,
        failure(fx.github.generateJitConfig("i-0dup", List.of("self-hosted"), 1, null)));
    assertTrue(fx.server.runner("i-0dup").busy, "a busy runner of that name is never removed");
  }

  @Test
  void repositoryScopeUsesRepositoryEndpointsAndTheDefaultGroup() {
    fx = new GitHubFixture(vertx, "octo/app", "", 3);
    assertEquals(1L, await(fx.github.runnerGroupId(null)));
    await(fx.github.generateJitConfig("i-0r", List.of("self-hosted"), 1, null));
    assertEquals(1, fx.server.count("apps/get-repo-installation"));
    assertEquals(1, fx.server.count("actions/generate-runner-jitconfig-for-repo"));
    await(fx.github.listRunners());
    assertEquals(1, fx.server.count("actions/list-self-hosted-runners-for-repo"));
    assertEquals(0, fx.server.count("actions/list-self-hosted-runner-groups-for-org"));
  }

  @Test
  void enterpriseServerBaseUrlKeepsItsPathPrefix() {
    fx = new GitHubFixture(vertx, "octo-org", "/api/v3", 3);
    assertTrue(fx.settings.apiUrl().endsWith("/api/v3"));
    await(fx.github.generateJitConfig("i-0ghes", List.of("self-hosted"), 1, null));
    await(fx.github.deleteRunner(fx.server.runner("i-0ghes").id));
    assertEquals(0, fx.server.runners().size());
    assertTrue(fx.server.requests().size() >= 3);
  }

  @Test
  void listsRunnersAcrossPagesFollowingLinkHeaders() {
    fx = new GitHubFixture(vertx);
    for (int i = 0; i < 250; i++) {
      fx.server.addRunner("i-" + i, i % 2 == 0 ? "online" : "offline", i % 3 == 0, List.of("self-hosted"));
    }
    List<GitHub.Runner> runners = await(fx.github.listRunners());
    assertEquals(250, runners.size());
    assertEquals(3, fx.server.count("actions/list-self-hosted-runners-for-org"));
    GitHub.Runner first = runners.get(0);
    assertEquals("i-0", first.name());
    assertTrue(first.busy());
    assertEquals("online", first.status());
    assertEquals(List.of("self-hosted"), first.labels());
  }

  @Test
  void unchangedRunnerListIsServedFrom304WithoutSpendingRateLimit() {
    fx = new GitHubFixture(vertx);
    for (int i = 0; i < 150; i++) {
      fx.server.addRunner("i-" + i, "online", false, List.of("self-hosted"));
    }
    List<GitHub.Runner> first = await(fx.github.listRunners());
    double remaining = remaining("core");
    List<GitHub.Runner> second = await(fx.github.listRunners());
    assertEquals(first, second);
    assertEquals(remaining, remaining("core"), "304 answers cost no rate limit");
    assertEquals(4, fx.server.count("actions/list-self-hosted-runners-for-org"));
    assertTrue(
        fx.server.requests().stream()
            .filter(r -> r.operationId().startsWith("actions/list-self-hosted-runners"))
            .skip(2)
            .allMatch(r -> true));
    fx.server.addRunner("i-new", "offline", false, List.of("self-hosted"));
    List<GitHub.Runner> third = await(fx.github.listRunners());
    assertEquals(151, third.size());
    assertTrue(third.stream().anyMatch(r -> r.name().equals("i-new")));
  }

  @Test
  void findsOneRunnerByNameWithOneCall() {
    fx = new GitHubFixture(vertx);
    for (int i = 0; i < 150; i++) {
      fx.server.addRunner("i-" + i, "online", false, List.of("self-hosted"));
    }
    GitHub.Runner r = await(fx.github.runnerNamed("i-120"));
    assertEquals("i-120", r.name());
    assertNull(await(fx.github.runnerNamed("i-999")));
    assertEquals(2, fx.server.count("actions/list-self-hosted-runners-for-org"));
  }

  @Test
  void concurrentListCallsShareOneWalk() {
    fx = new GitHubFixture(vertx);
    fx.server.addRunner("i-1", "online", false, List.of("self-hosted"));
    await(fx.github.runnerGroupId(null)); // warm the token so only list calls remain
    var a = fx.github.listRunners();
    var b = fx.github.listRunners();
    await(a);
    await(b);
    assertEquals(1, fx.server.count("actions/list-self-hosted-runners-for-org"));
  }

  @Test
  void deletingABusyRunnerFailsWithRunnerBusyAndAMissingOneSucceeds() {
    fx = new GitHubFixture(vertx);
    long busy = fx.server.addRunner("i-busy", "online", true, List.of("self-hosted"));
    long idle = fx.server.addRunner("i-idle", "online", false, List.of("self-hosted"));
    assertInstanceOf(GitHub.RunnerBusyException.class, failure(fx.github.deleteRunner(busy)));
    await(fx.github.deleteRunner(idle));
    await(fx.github.deleteRunner(987654));
    assertEquals(List.of("i-busy"), fx.server.runners().stream().map(r -> r.name).toList());
  }

  @Test
  void resolvesRunnerGroupsByNameOnce() {
    fx = new GitHubFixture(vertx);
    assertEquals(2L, await(fx.github.runnerGroupId("octo-runner-group")));
    assertEquals(2L, await(fx.github.runnerGroupId("Octo-Runner-Group")));
    assertEquals(1L, await(fx.github.runnerGroupId(null)));
    assertEquals(2, fx.server.count("actions/list-self-hosted-runner-groups-for-org"));
    assertInstanceOf(NoSuchElementException.class, failure(fx.github.runnerGroupId("nope")));
  }

  @Test
  void readsAJobAndRerunsIt() {
    fx = new GitHubFixture(vertx);
    Instant created = Instant.parse("2026-03-01T09:00:00Z");
    fx.server.putJob("octo-org/app", 77, 700, "queued", null, List.of("self-hosted", "linux"), created);
    GitHub.JobSnapshot job = await(fx.github.job("octo-org/app", 77));
    assertEquals(77, job.id());
    assertEquals(700, job.runId());
    assertEquals("queued", job.status());
    assertNull(job.conclusion());
    assertEquals(created, job.createdAt());
    assertEquals(List.of("self-hosted", "linux"), job.labels());
    assertInstanceOf(NoSuchElementException.class, failure(fx.github.job("octo-org/app", 78)));
    await(fx.github.rerunJob("octo-org/app", 77));
    assertEquals(List.of(77L), fx.server.reruns());
  }

  @Test
  void listsHookDeliveriesWithCursorsUntilTheWindowStarts() {
    fx = new GitHubFixture(vertx);
    Instant now = fx.clock.instant();
    for (int i = 0; i < 230; i++) {
      fx.server.addDelivery("g-" + i, now.minusSeconds(60L * i), false, i % 10 == 0 ? 503 : 200,
          "workflow_job", "queued", new JsonObject());
    }
    List<GitHub.Delivery> recent = await(fx.github.deliveriesSince(now.minusSeconds(60L * 150)));
    assertEquals(151, recent.size());
    assertEquals("g-0", recent.get(0).guid());
    assertEquals(2, fx.server.count("apps/list-webhook-deliveries"), "stops paging at the window");
    List<GitHub.Delivery> failed = await(fx.github.failedDeliveriesSince(now.minusSeconds(60L * 300)));
    assertEquals(23, failed.size());
    assertTrue(failed.stream().allMatch(d -> d.statusCode() == 503 && "workflow_job".equals(d.event())));
    assertTrue(
        fx.server.requests().stream()
            .filter(r -> r.operationId().equals("apps/list-webhook-deliveries"))
            .allMatch(r -> r.authKind().equals("app")));
  }

  @Test
  void requestsARedelivery() {
    fx = new GitHubFixture(vertx);
    long id = fx.server.addDelivery("g-1", fx.clock.instant(), false, 503, "workflow_job", "queued", new JsonObject());
    await(fx.github.redeliver(id));
    assertEquals(1, fx.server.count("apps/redeliver-webhook-delivery"));
    assertEquals(2, fx.server.deliveries().size());
  }

  @Test
  void latestRunnerVersionDropsTheVAndIsCached() {
    fx = new GitHubFixture(vertx);
    fx.server.latestRunnerTag("v2.331.0");
    assertEquals("2.331.0", await(fx.github.latestRunnerVersion()));
    assertEquals("2.331.0", await(fx.github.latestRunnerVersion()));
    assertEquals(1, fx.server.count("repos/get-latest-release"));
    fx.server.latestRunnerTag("v2.332.0");
    fx.clock.advance(java.time.Duration.ofHours(2));
    assertEquals("2.332.0", await(fx.github.latestRunnerVersion()));
  }

  private double remaining(String resource) {
    return fx.registry.get("hangar.github.ratelimit.remaining").tag("resource", resource).gauge().value();
  }
}
