package dev.hangar.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.AgentHarness;
import dev.hangar.agent.testing.GatewayStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's paths through an instance's life, driven by the IMDS double and the gateway stand-in. */
class AgentLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path tmp;
  private AgentHarness h;

  @AfterEach
  void tearDown() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  private AgentHarness harness(String instanceId) throws Exception {
    h = new AgentHarness(tmp, instanceId);
    return h;
  }

  @Test
  void inServiceRegistersRunsOneJobReportsItAndRetires() throws Exception {
    harness("i-0a000000000000001");
    h.runnerJob("quick");
    h.start();

    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000001"));
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.RETIRED);
    List<GatewayStandIn.Call> calls = h.gateway.calls();
    Map<String, Object> started = h.gateway.events("job-started").get(0);
    assertEquals("octo-org/octo-repo", started.get("repository"));
    assertEquals("build", started.get("jobName"));
    assertEquals(30433642L, started.get("runId"));
    Map<String, Object> completed = h.gateway.events("job-completed").get(0);
    assertEquals("success", completed.get("conclusion"));
    assertEquals("job-completed", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
    // Order: started, completed, then retire.
    int iStarted = indexOf(calls, "job-started");
    int iCompleted = indexOf(calls, "job-completed");
    int iRetire = calls.indexOf(h.gateway.calls("/agent/v1/retire").get(0));
    assertTrue(iStarted < iCompleted && iCompleted < iRetire, calls.toString());
    // The runner got exactly the JIT config the gateway issued.
    String jit = h.gateway.jitConfigs().get(0);
    assertEquals(sha256(jit), Files.readString(h.runnerHome().resolve("standin-jit.sha256")).trim());
    assertTrue(h.gateway.violations().isEmpty(), h.gateway.violations().toString());
    assertFalse(h.shutdownCalled());
  }

  @Test
  void jitConfigNeverReachesLogsOrAgentFiles() throws Exception {
    harness("i-0a000000000000002");
    h.runnerJob("quick");
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000002"));
    String jit = h.gateway.jitConfigs().get(0);
    assertFalse(h.allLogs().contains(jit), "JIT config in the agent log");
    assertTrue(h.allLogs().contains("registered"));
    for (Path dir : List.of(h.stateDir, h.hooksDir, h.root)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(jit),
              "JIT config written to " + f);
        }
      }
    }
    // The hook secret is readable by its owner only and never inside the hook scripts.
    Path secret = h.hooksDir.resolve("hook-secret.header");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    String secretValue = Files.readString(secret).trim().replace("X-Hangar-Hook-Secret: ", "");
    assertFalse(Files.readString(h.hooksDir.resolve("job-started.sh")).contains(secretValue));
    assertFalse(h.allLogs().contains(secretValue));
  }

  @Test
  void heartbeatsAndEmfLinesCarryStateVersionAndHostFigures() throws Exception {
    harness("i-0a000000000000003");
    h.runnerJob("none");
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.calls("/agent/v1/heartbeat").stream()
        .anyMatch(c -> "idle".equals(c.body().get("state"))));
    Map<String, Object> beat = h.gateway.calls("/agent/v1/heartbeat").stream()
        .filter(c -> "idle".equals(c.body().get("state"))).findFirst().orElseThrow().body();
    assertEquals("2.320.0", beat.get("runnerVersion"));
    assertTrue(((Long) beat.get("diskFreeBytes")) > 0);
    assertTrue(((Long) beat.get("memAvailableBytes")) > 0);
    assertTrue(beat.containsKey("load1"));
    await().atMost(WAIT).until(() -> Files.exists(h.emfFile)
        && Files.readString(h.emfFile).contains("\"State\":\"idle\""));
    String line = Files.readAllLines(h.emfFile).stream().filter(l -> l.contains("\"State\":\"idle\""))
        .findFirst().orElseThrow();
    Map<String, Object> emf = dev.hangar.agent.json.Json.parseObject(line);
    assertEquals("linux-x64", emf.get("Pool"));
    assertEquals("i-0a000000000000003", emf.get("InstanceId"));
    assertTrue(line.contains("\"Namespace\":\"Hangar/Agent\""));
    assertEquals(0L, emf.get("RunnerBusy"));
    assertTrue(h.gateway.violations().isEmpty(), h.gateway.violations().toString());
  }

  @Test
  void warmedInstanceWarmsUpCompletesLaunchActionAndDoesNotRegister() throws Exception {
    harness("i-0a000000000000004");
    Path script = warmupScript();
    h.set("warmup.script", script.toString());
    h.imds.lifecycleState("Warmed:Pending:Wait");
    h.start();

    await().atMost(WAIT).until(() -> !h.gateway.calls("/agent/v1/lifecycle").isEmpty());
    Map<String, Object> lifecycle = h.gateway.calls("/agent/v1/lifecycle").get(0).body();
    assertEquals("launch", lifecycle.get("hook"));
    assertEquals("CONTINUE", lifecycle.get("result"));
    assertEquals(1, h.gateway.events("warm-up-done").size());
    assertEquals(List.of("warmed"), Files.readAllLines(tmp.resolve("warmup-ran")));
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.WARMED);
    // The ASG now stops the instance; nothing registers meanwhile.
    h.imds.lifecycleState("Warmed:Stopped");
    long polls = h.imds.count("/latest/meta-data/autoscaling/target-lifecycle-state");
    await().atMost(WAIT).until(() -> h.imds.count("/latest/meta-data/autoscaling/target-lifecycle-state") > polls + 2);
    assertTrue(h.gateway.calls("/agent/v1/register").isEmpty());
    assertFalse(h.gateway.registered("i-0a000000000000004"));
    assertFalse(h.shutdownCalled());
  }

  @Test
  void startedFromTheWarmPoolAfterAStopRegistersWithoutWarmingAgain() throws Exception {
    harness("i-0a000000000000005");
    Path script = warmupScript();
    h.set("warmup.script", script.toString());
    h.imds.lifecycleState("Warmed:Pending:Wait");
    h.runnerJob("quick");
    h.start();
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.WARMED);
    h.imds.lifecycleState("Warmed:Stopped");
    h.stopAgent(); // the instance stops: the agent process ends with it

    h.imds.lifecycleState("InService"); // scale-out starts it from the warm pool
    h.imds.forgetTokens();
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000005"));
    assertEquals(1, h.gateway.calls("/agent/v1/lifecycle").size(), "launch action completed once");
    assertEquals(1, h.gateway.events("job-completed").size());
    assertEquals(List.of("warmed"), Files.readAllLines(tmp.resolve("warmup-ran")), "warm-up ran once");
  }

  @Test
  void warmedRunningInstanceMovedInServiceRegistersWithoutRestart() throws Exception {
    harness("i-0a000000000000006");
    h.imds.lifecycleState("Warmed:Running");
    h.runnerJob("quick");
    h.start();
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.WARMED);
    assertTrue(h.gateway.calls("/agent/v1/register").isEmpty());
    h.imds.lifecycleState("InService");
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000006"));
    assertEquals("success", h.gateway.events("job-completed").get(0).get("conclusion"));
  }

  @Test
  void terminationStopsTheRunnerDeregistersAndCompletesTheTerminationAction() throws Exception {
    harness("i-0a000000000000007");
    h.runnerJob("none");
    h.start();
    await().atMost(WAIT).until(h::runnerListening);
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.IDLE);
    h.imds.lifecycleState("Terminated");

    await().atMost(WAIT).until(() -> h.gateway.calls("/agent/v1/lifecycle").stream()
        .anyMatch(c -> "termination".equals(c.body().get("hook"))));
    Map<String, Object> action = h.gateway.calls("/agent/v1/lifecycle").get(0).body();
    assertEquals("CONTINUE", action.get("result"));
    assertTrue(h.gateway.retired("i-0a000000000000007"), "runner deregistered");
    assertTrue(h.diag().contains("Received Ctrl-C signal"), "runner stopped");
    List<GatewayStandIn.Call> calls = h.gateway.calls();
    assertTrue(calls.indexOf(h.gateway.calls("/agent/v1/retire").get(0))
        < calls.indexOf(h.gateway.calls("/agent/v1/lifecycle").get(0)));
  }

  @Test
  void spotNoticeWhileIdleRetiresAtOnce() throws Exception {
    harness("i-0a000000000000008");
    h.runnerJob("none");
    h.start();
    await().atMost(WAIT).until(() -> h.agent() != null && h.agent().state() == AgentState.IDLE);
    h.imds.spotInterruption("terminate", Instant.now().plusSeconds(120).toString());

    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000008"));
    assertEquals("spot-interruption", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
    assertTrue(h.gateway.events("job-started").isEmpty());
    await().atMost(WAIT).until(() -> h.diag().contains("Received Ctrl-C signal"));
  }

  @Test
  void spotNoticeWhileBusyReportsStopsTheRunnerBeforeTheDeadlineAndRetires() throws Exception {
    harness("i-0a000000000000009");
    h.set("spot.stopLead", "4s");
    h.runnerJob("hold");
    h.start();
    await().atMost(WAIT).until(() -> !h.gateway.events("job-started").isEmpty());
    Instant deadline = Instant.now().plusSeconds(6);
    h.imds.spotInterruption("terminate", deadline.toString().replaceAll("\\.\\d+Z$", "Z"));

    await().atMost(WAIT).until(() -> !h.gateway.events("spot-interruption").isEmpty());
    Map<String, Object> notice = h.gateway.events("spot-interruption").get(0);
    assertEquals(30433642L, notice.get("runId"));
    assertTrue(String.valueOf(notice.get("deadline")).startsWith(deadline.toString().substring(0, 19)));
    assertTrue(h.gateway.calls("/agent/v1/retire").isEmpty(), "busy runner is not retired at once");

    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000009"));
    Instant retiredAt = Instant.now();
    assertTrue(retiredAt.isBefore(deadline), "runner stopped and instance retired before the deadline");
    assertEquals("cancelled", h.gateway.events("job-completed").get(0).get("conclusion"));
    assertTrue(h.diag().contains("completed with result: Canceled"));
    assertEquals("spot-interruption", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
  }

  @Test
  void busyRunnerWhoseHooksNeverArrivedIsRecognisedFromItsDiagnostics() throws Exception {
    harness("i-0a000000000000011");
    h.runnerJob("hold\nhooks=off");
    h.start();
    await().atMost(WAIT).until(() -> h.diag().contains("Running job: build"));
    h.imds.spotInterruption("terminate", Instant.now().plusSeconds(120).toString());

    await().atMost(WAIT).until(() -> !h.gateway.events("spot-interruption").isEmpty());
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.DRAINING);
    assertTrue(h.gateway.calls("/agent/v1/retire").isEmpty(), "not retired as if idle");
    assertTrue(h.gateway.events("job-started").isEmpty(), "no hook was heard");
    assertTrue(h.allLogs().contains("runner diagnostics show a running job"));
  }

  @Test
  void rebalanceWhileBusyIsReportedAndTheJobContinues() throws Exception {
    harness("i-0a00000000000000a");
    h.runnerJob("hold");
    h.start();
    await().atMost(WAIT).until(() -> !h.gateway.events("job-started").isEmpty());
    h.imds.rebalanceRecommendation(Instant.now().toString());
    await().atMost(WAIT).until(() -> !h.gateway.events("rebalance").isEmpty());
    assertTrue(h.gateway.calls("/agent/v1/retire").isEmpty());
    h.releaseJob();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a00000000000000a"));
    assertEquals("success", h.gateway.events("job-completed").get(0).get("conclusion"));
  }

  @Test
  void imdsSlowOrDownIsRetriedWithAClearErrorThenTheAgentCarriesOn() throws Exception {
    harness("i-0a00000000000000b").set("imds.timeout", "300ms");
    h.runnerJob("quick");
    h.imds.hang();
    h.start();
    await().atMost(WAIT).until(() -> h.imds.failedRequests() >= 2);
    await().atMost(WAIT).until(() -> h.allLogs().contains("did not answer within 300 ms"));
    h.imds.failNext(3);
    h.imds.release();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a00000000000000b"));
    assertTrue(h.allLogs().contains("answered HTTP 503"), h.allLogs());
    assertTrue(h.allLogs().contains("IMDS unavailable; retrying with backoff"));
    assertTrue(h.imds.seen().stream().filter(s -> !s.path().equals("/latest/api/token")).allMatch(s -> s.withToken()),
        "no IMDSv1 request");
  }

  @Test
  void gatewayUnreachableForRetirementShutsTheInstanceDownAfterTheDeadline() throws Exception {
    harness("i-0a00000000000000c");
    h.set("retire.deadline", "1s");
    h.runnerJob("hold");
    h.start();
    await().atMost(WAIT).until(() -> !h.gateway.events("job-started").isEmpty());
    h.gateway.unavailable(true);
    long released = System.nanoTime();
    h.releaseJob();

    await().atMost(WAIT).until(h::shutdownCalled);
    long waitedMs = (System.nanoTime() - released) / 1_000_000;
    assertTrue(waitedMs >= 1000, "shut down only after the deadline, waited " + waitedMs + " ms");
    assertTrue(h.gateway.unavailableAnswers() >= 2, "retire was retried");
    assertEquals(AgentState.SHUTTING_DOWN, h.agent().state());
    assertTrue(h.allLogs().contains("gateway unreachable for retirement within the deadline"));
  }

  @Test
  void gatewayUnreachableForRegistrationShutsTheInstanceDown() throws Exception {
    harness("i-0a00000000000000d");
    h.set("register.deadline", "500ms");
    h.gateway.unavailable(true);
    h.start();
    await().atMost(WAIT).until(h::shutdownCalled);
    assertTrue(h.gateway.unavailableAnswers() >= 2);
    assertFalse(h.runnerListening(), "no runner without a registration");
  }

  @Test
  void runnerThatExitsWithoutAJobIsJudgedFromItsDiagnosticsNotItsExitCode() throws Exception {
    harness("i-0a00000000000000e");
    h.runnerJob("exit"); // exits 0 although it never ran a job
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a00000000000000e"));
    assertEquals("runner-exited", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
    assertTrue(h.gateway.events("job-completed").isEmpty());
    assertTrue(h.allLogs().contains("Registration was not found"));
  }

  @Test
  void launchHookHoldingTheInstanceIsCompletedBeforeRegistering() throws Exception {
    harness("i-0a00000000000000f");
    h.runnerJob("quick");
    java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean(true);
    h.gateway.inService(id -> !pending.get() || !h.gateway.calls("/agent/v1/lifecycle").isEmpty());
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a00000000000000f"));
    assertEquals("launch", h.gateway.calls("/agent/v1/lifecycle").get(0).body().get("hook"));
  }

  @Test
  void secondRegistrationAfterAnAgentRestartRetiresTheInstance() throws Exception {
    harness("i-0a000000000000010");
    h.runnerJob("none");
    h.start();
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.IDLE);
    h.stopAgent(); // systemd restarts the agent; the runner went with it
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000010"));
    assertEquals("registered-before-restart", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
  }

  @Test
  void unmanagedInstanceRefusedAtRegistrationShutsDown() throws Exception {
    harness("i-0a000000000000012");
    h.gateway.managed(id -> false);
    h.start();
    await().atMost(WAIT).until(h::shutdownCalled);
    assertEquals(AgentState.SHUTTING_DOWN, h.agent().state());
    assertTrue(h.allLogs().contains("\"code\":\"not_managed\""), h.allLogs());
    assertFalse(h.runnerListening(), "no runner without a registration");
  }

  @Test
  void throttledRegistrationWaitsRetryAfterThenRegisters() throws Exception {
    harness("i-0a000000000000013");
    h.runnerJob("quick");
    h.gateway.throttleNext(1, 1);
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired("i-0a000000000000013"));
    assertEquals(List.of("/agent/v1/register"), h.gateway.throttled());
    assertTrue(h.allLogs().contains("register failed; retrying"));
    assertFalse(h.shutdownCalled());
  }

  private Path warmupScript() throws Exception {
    Path script = tmp.resolve("warmup.sh");
    Files.writeString(script, "#!/bin/sh\necho warmed >> '" + tmp.resolve("warmup-ran") + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static int indexOf(List<GatewayStandIn.Call> calls, String type) {
    for (int i = 0; i < calls.size(); i++) {
      if (type.equals(calls.get(i).body().get("type"))) {
        return i;
      }
    }
    return -1;
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
