package dev.hangar.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.imds.ImdsClient;
import dev.hangar.agent.testing.AgentHarness;
import dev.hangar.agent.testing.MetadataMock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token and spot scenarios against Amazon's EC2 metadata mock (IMDSv2-only mode). Skipped,
 * saying why, only when the binary is not installed (test-peers/install.sh installs it).
 */
class Ec2MetadataMockTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path tmp;
  private MetadataMock mock;
  private AgentHarness h;

  @BeforeEach
  void setUp() throws Exception {
    Optional<Path> binary = MetadataMock.binary();
    Assumptions.assumeTrue(binary.isPresent(),
        "ec2-metadata-mock not installed (run test-peers/install.sh or set HANGAR_EC2_METADATA_MOCK)");
    mock = MetadataMock.create(binary.get(), tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (h != null) {
      h.close();
    }
    if (mock != null) {
      mock.close();
    }
  }

  @Test
  void imdsV2OnlyTokensAreUsedAndReacquiredAfterExpiry() throws Exception {
    mock.start(86400, null);
    HttpClient raw = HttpClient.newHttpClient();
    HttpResponse<String> v1 = raw.send(HttpRequest.newBuilder(mock.url().resolve("/latest/meta-data/instance-id"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, v1.statusCode(), "the mock refuses IMDSv1 like an HttpTokens=required instance");

    // TTL of 1 s and no refresh margin: the mock expires the token, answers 401, the client re-acquires.
    ImdsClient client = new ImdsClient(mock.url(), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO,
        () -> 0L);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
      assertEquals(Optional.of(MetadataMock.INSTANCE_ID), client.get("/latest/meta-data/instance-id"));
      return client.tokensAcquired() >= 2;
    });
    assertEquals(Optional.of("InService"), client.get("/latest/meta-data/autoscaling/target-lifecycle-state"));
    assertEquals(Optional.empty(), client.get("/latest/meta-data/spot/instance-action"));
  }

  @Test
  void spotNoticeWhileIdleRetiresAtOnce() throws Exception {
    mock.start(86400, null);
    h = new AgentHarness(tmp.resolve("agent"), MetadataMock.INSTANCE_ID);
    h.set("imds.url", mock.url().toString());
    h.runnerJob("none");
    h.start();
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.IDLE);
    // The notice appears while the agent runs; the restart also invalidates the agent's token.
    mock.start(0, null);

    await().atMost(WAIT).until(() -> h.gateway.retired(MetadataMock.INSTANCE_ID));
    assertEquals("spot-interruption", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
    assertTrue(h.gateway.events("job-started").isEmpty());
    assertTrue(h.gateway.violations().isEmpty(), h.gateway.violations().toString());
  }

  @Test
  void spotNoticeWhileBusyIsReportedAndTheRunnerStoppedBeforeTheDeadline() throws Exception {
    mock.start(86400, null);
    h = new AgentHarness(tmp.resolve("agent"), MetadataMock.INSTANCE_ID);
    h.set("imds.url", mock.url().toString());
    h.set("spot.stopLead", "5s");
    h.runnerJob("hold");
    h.start();
    await().atMost(WAIT).until(() -> !h.gateway.events("job-started").isEmpty());
    Instant deadline = Instant.now().plusSeconds(9).truncatedTo(ChronoUnit.SECONDS);
    mock.start(0, deadline.toString());

    await().atMost(WAIT).until(() -> h.gateway.retired(MetadataMock.INSTANCE_ID));
    assertTrue(Instant.now().isBefore(deadline), "runner stopped and instance retired before the deadline");
    Map<String, Object> notice = h.gateway.events("spot-interruption").get(0);
    assertEquals(deadline.toString(), notice.get("deadline"));
    assertEquals("octo-org/octo-repo", notice.get("repository"));
    assertEquals("cancelled", h.gateway.events("job-completed").get(0).get("conclusion"));
    assertEquals(1, h.gateway.events("rebalance").size(), "the mock's rebalance recommendation is reported too");
    assertTrue(h.diag().contains("completed with result: Canceled"));
  }
}
