package dev.hangar.gateway.agentapi;

import static dev.hangar.gateway.agentapi.AgentApiHarness.REUSE_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.github.WebClientGitHub;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.InMemoryFleet;
import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.TestAppKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runner reuse through the real GitHub adapter against the OpenAPI-validated GitHub test server:
 * every registration of a launch names its runner after the instance, so when GitHub has not yet
 * removed the previous job's runner the name is taken (409 "already exists"); a finished runner
 * of that name is replaced, a busy one is left alone and the agent asked to come back.
 */
@ExtendWith(VertxExtension.class)
class RunnerReuseGitHubTest {
  static final long APP_ID = 4711;
  static final String REUSED = "i-0aaaaaaaaaaaa0e11";
  static final String JIT = "actions/generate-runner-jitconfig-for-org";
  static final String DELETE = "actions/delete-self-hosted-runner-from-org";

  @TempDir Path tmp;
  GitHubTestServer server;
  AgentApiHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = GitHubTestServer.start(vertx, APP_ID, TestAppKeys.pair().getPublic(), Clock.systemUTC(), "")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    GitHubConfig settings = GitHubConfig.of(server.apiUrl(), APP_ID, "octo-org", null)
        .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1));
    WebClientGitHub github = WebClientGitHub.create(vertx, settings, TestAppKeys.pair().getPrivate(),
        new MicrometerRecorders(new SimpleMeterRegistry()).github());
    InMemoryFleet fleet = new InMemoryFleet();
    fleet.add(REUSE_ASG, REUSED, "InService");
    h = new AgentApiHarness(vertx, tmp, AgentApiHarness.config(), fleet, new RecordingLedger(), github,
        AgentApiHarness.REGION, null);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    server.close();
    assertEquals(List.of(), h.undocumented, "answers match docs/agent-api.yaml");
    assertEquals(List.of(), server.violations(), "requests GitHub's description rejects");
  }

  @Test
  void finishedRunnerNotYetRemovedByGitHubIsReplacedAndABusyOneWaitedFor() throws Exception {
    var first = h.register(REUSED, 1);
    assertEquals(200, first.status(), first.raw().body());
    long firstRunner = server.runner(REUSED).id;
    // GitHub hands the runner its job; the job ends, but GitHub still lists the runner (offline).
    assertTrue(server.assignJob(REUSED));
    server.runner(REUSED).busy = false;
    server.runner(REUSED).status = "offline";

    var second = h.register(REUSED, 2);
    assertEquals(200, second.status(), second.raw().body());
    assertEquals(REUSED, second.body().getString("runnerName"));
    assertEquals(1, second.body().getInteger("jobsLeft"));
    assertEquals(1, server.runners().size(), "one runner of that name");
    assertNotEquals(firstRunner, server.runner(REUSED).id, "the finished runner was replaced");
    assertEquals("jit-" + server.runner(REUSED).id + "-c2VjcmV0", second.body().getString("jitConfig"));
    assertEquals(3, server.count(JIT), "first, then 409 already exists, then the retry");
    assertEquals(1, server.count(DELETE));

    // The next job has started on GitHub's side and is not over there yet.
    assertTrue(server.assignJob(REUSED));
    long busyRunner = server.runner(REUSED).id;
    var refused = h.register(REUSED, 3);
    assertEquals(409, refused.status(), refused.raw().body());
    assertEquals("runner_busy", refused.body().getString("code"));
    assertEquals(busyRunner, server.runner(REUSED).id, "a busy runner is never removed");
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "previous_runner_busy"));

    server.runner(REUSED).busy = false; // GitHub caught up
    var third = h.register(REUSED, 3);
    assertEquals(200, third.status(), third.raw().body());
    assertEquals(0, third.body().getInteger("jobsLeft"));
    assertNotEquals(busyRunner, server.runner(REUSED).id);

    long jitCalls = server.count(JIT);
    var fourth = h.register(REUSED, 4);
    assertEquals(409, fourth.status());
    assertEquals("sequence_refused", fourth.body().getString("code"));
    assertEquals(jitCalls, server.count(JIT), "GitHub not asked");
  }
}
