package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.AgentHarness;
import dev.hangar.agent.testing.ImdsDouble;
import dev.hangar.gateway.testing.InProcessAgent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent (in-process, with the agent module's IMDS double and runner stand-in) against
 * the real agent API over HTTP: the two sides of docs/agent-api.yaml agree. Fleet and GitHub are
 * the agent API tests' recording doubles.
 */
@ExtendWith(VertxExtension.class)
class AgentAgainstAgentApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ID = "i-0fa0000000000e2e1";

  @TempDir Path tmp;
  InMemoryFleet fleet;
  RecordingLedger ledger;
  FakeGitHub github;
  AgentApiHarness api;
  HttpServer server;
  ImdsDouble imds;
  InProcessAgent agent;
  final List<String> agentLogs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    fleet = new InMemoryFleet();
    ledger = new RecordingLedger();
    github = new FakeGitHub();
    github.latest = "2.320.0";
    api = new AgentApiHarness(vertx, tmp, AgentApiHarness.config(), fleet, ledger, github);
    Router root = Router.router(vertx);
    root.route(AgentApi.MOUNT + "/*").subRouter(api.api.router());
    server = vertx.createHttpServer().requestHandler(root).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    imds = new ImdsDouble(ID, api.document(ID));
    AgentHarness.installStandIn(tmp.resolve("runner"), "2.320.0");
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    imds.close();
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    api.close();
  }

  private void startAgent(String job) throws Exception {
    Files.writeString(tmp.resolve("runner/standin-control"), "job=" + job + "\n");
    Map<String, String> settings = InProcessAgent.settings(
        "http://127.0.0.1:" + server.actualPort(), imds.url(), tmp.resolve("runner"), tmp);
    settings.put("lifecycle.pollInterval", "50ms");
    settings.put("spot.pollInterval", "50ms");
    settings.put("heartbeat.interval", "200ms");
    settings.put("retry.initialBackoff", "20ms");
    settings.put("retry.maxBackoff", "200ms");
    agent = InProcessAgent.start(settings, tmp, agentLogs::add);
  }

  @Test
  void inServiceAgentRegistersRunsItsJobAndRetiresLeavingNoRunner() throws Exception {
    fleet.add(WARM_ASG, ID, "InService");
    startAgent("quick");

    await().atMost(WAIT).until(() -> fleet.calls.contains("terminateInstance " + ID + " true"));
    assertTrue(github.runners.isEmpty(), "runner deleted from GitHub: " + github.runners);
    assertTrue(github.calls.stream().anyMatch(c -> c.startsWith("generateJitConfig " + ID)), github.calls.toString());
    assertTrue(fleet.calls.contains("setInstanceProtection " + WARM_ASG + " [" + ID + "] true"),
        "job-started protected the instance: " + fleet.calls);
    assertTrue(fleet.tags.getOrDefault(ID, Map.of()).containsKey("hangar:repository"), fleet.tags.toString());
    String jit = github.jitConfigs.values().iterator().next();
    assertFalse(String.join("\n", agentLogs).contains(jit), "JIT config in the agent's log");
    assertFalse(api.logText().contains(jit), "JIT config in the gateway's log");
    assertFalse(Files.exists(tmp.resolve("shutdown-called")));
  }

  @Test
  void agentOfAReusePoolRunsItsThreeJobsWithAFreshRunnerEachThenRetires() throws Exception {
    fleet.add(AgentApiHarness.REUSE_ASG, ID, "InService");
    startAgent("quick");

    await().atMost(WAIT).until(() -> fleet.calls.contains("terminateInstance " + ID + " true"));
    List<String> minted = github.calls.stream().filter(c -> c.startsWith("generateJitConfig " + ID)).toList();
    assertEquals(3, minted.size(), github.calls.toString());
    assertEquals(3, github.jitConfigs.size(), "a fresh JIT config per job");
    assertEquals(java.util.Set.of(ID + "/2026-11-27T09:58:00Z", ID + "/2026-11-27T09:58:00Z#2",
        ID + "/2026-11-27T09:58:00Z#3"), ledger.claims);
    assertTrue(github.runners.isEmpty(), "the last runner deleted at retirement: " + github.runners);
    assertEquals(3.0, api.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "ok"));
    assertEquals(3, Files.readAllLines(tmp.resolve("runner/standin-work-seen")).size(), "three jobs ran");
    for (String jit : github.jitConfigs.values()) {
      assertFalse(String.join("\n", agentLogs).contains(jit), "JIT config in the agent's log");
      assertFalse(api.logText().contains(jit), "JIT config in the gateway's log");
    }
    assertEquals(List.of(), api.undocumented);
  }

  @Test
  void warmedAgentCompletesTheLaunchLifecycleActionThroughTheGateway() throws Exception {
    fleet.add(WARM_ASG, ID, "Warmed:Pending:Wait");
    fleet.pending(ID, "hangar-launch");
    imds.lifecycleState("Warmed:Pending:Wait");
    startAgent("quick");

    await().atMost(WAIT).until(() -> fleet.calls.contains(
        "completeLifecycleAction " + WARM_ASG + " hangar-launch " + ID + " CONTINUE"));
    assertTrue(github.calls.stream().noneMatch(c -> c.startsWith("generateJitConfig")), "no registration while warmed");
  }

  @Test
  void terminatingAgentDeregistersAndCompletesTheTerminationAction() throws Exception {
    fleet.add(WARM_ASG, ID, "InService");
    startAgent("none");
    await().atMost(WAIT).until(() -> agent.state() == dev.hangar.agent.AgentState.IDLE);
    fleet.pending(ID, "hangar-termination");
    imds.lifecycleState("Terminated");

    await().atMost(WAIT).until(() -> fleet.calls.contains(
        "completeLifecycleAction " + WARM_ASG + " hangar-termination " + ID + " CONTINUE"));
    assertTrue(github.runners.isEmpty(), "runner deregistered: " + github.runners);
  }

  @Test
  void busyRunnerIsNotRetiredWhileGitHubSaysItIsBusy() throws Exception {
    fleet.add(WARM_ASG, ID, "InService");
    startAgent("none");
    await().atMost(WAIT).until(() -> agent.state() == dev.hangar.agent.AgentState.IDLE);
    github.setBusy(ID, true); // GitHub gave it a job the hooks have not reported yet
    imds.spotInterruption("terminate", java.time.Instant.now().plusSeconds(120).toString());

    await().atMost(WAIT).until(() -> github.calls.stream().anyMatch(c -> c.startsWith("deleteRunner")));
    // The agent keeps the runner, reports the interruption and will stop it before the deadline.
    await().atMost(WAIT).until(() -> agent.state() == dev.hangar.agent.AgentState.DRAINING);
    assertFalse(fleet.calls.contains("terminateInstance " + ID + " true"), "busy runner's instance kept");
    assertEquals(1, github.runners.size());
  }
}
