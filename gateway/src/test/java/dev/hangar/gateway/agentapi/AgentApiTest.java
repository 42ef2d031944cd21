package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import static dev.hangar.gateway.agentapi.AgentApiHarness.SPOT_ASG;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.testing.IdentityDocuments;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The agent API over real HTTP: happy paths, and every refusal changes nothing. */
@ExtendWith(VertxExtension.class)
class AgentApiTest {
  static final String WARMED = "i-0aaaaaaaaaaaaaaa1";
  static final String IN_SERVICE = "i-0bbbbbbbbbbbbbbb2";
  static final String SPOT = "i-0ccccccccccccccc3";
  static final String STRANGER = "i-0ddddddddddddddd4";
  static final String UNKNOWN = "i-0eeeeeeeeeeeeeee5";

  @TempDir Path tmp;
  InMemoryFleet fleet;
  RecordingLedger ledger;
  FakeGitHub github;
  AgentApiHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    fleet = new InMemoryFleet();
    fleet.add(WARM_ASG, WARMED, "Warmed:Pending:Wait");
    fleet.pending(WARMED, "hangar-launch");
    fleet.add(WARM_ASG, IN_SERVICE, "InService");
    fleet.add(SPOT_ASG, SPOT, "InService");
    fleet.add("someone-elses-asg", STRANGER, "InService");
    ledger = new RecordingLedger();
    github = new FakeGitHub();
    h = new AgentApiHarness(vertx, tmp, AgentApiHarness.config(), fleet, ledger, github);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    assertEquals(List.of(), h.undocumented, "answers match docs/agent-api.yaml");
    String catalogue = java.nio.file.Files.readString(Path.of("../docs/metrics.md"));
    List<String> uncatalogued = h.meters.getMeters().stream().map(m -> m.getId().getName())
        .filter(n -> n.startsWith("hangar.") && !catalogue.contains("| `" + n + "` |")).distinct().toList();
    assertEquals(List.of(), uncatalogued, "meters missing from docs/metrics.md");
  }

  // ---- happy paths ---------------------------------------------------------------------------

  @Test
  void warmedInstanceOpensSessionAndContinuesItsLaunchHook() throws Exception {
    var session = h.session(WARMED);
    assertEquals(200, session.status(), session.raw().body());
    assertEquals(WARMED, session.body().getString("instanceId"));
    assertEquals(h.clock.instant().plus(Duration.ofHours(1)),
        Instant.parse(session.body().getString("expiresAt")));
    String token = session.body().getString("sessionToken");

    var done = h.post("/lifecycle", new JsonObject().put("hook", "launch").put("result", "CONTINUE"), token);
    assertEquals(200, done.status(), done.raw().body());
    assertEquals("completed", done.body().getString("status"));
    assertEquals(List.of("completeLifecycleAction " + WARM_ASG + " hangar-launch " + WARMED + " CONTINUE"), fleet.calls);
    assertFalse(fleet.pendingHook.containsKey(WARMED));
    assertEquals(1, h.count("hangar.agent.lifecycle.actions", "hook", "launch", "result", "CONTINUE"));
  }

  @Test
  void inServiceInstanceRegistersAndGetsItsJitConfig() throws Exception {
    var r = h.register(IN_SERVICE);
    assertEquals(200, r.status(), r.raw().body());
    JsonObject b = r.body();
    assertEquals(IN_SERVICE, b.getString("instanceId"));
    assertEquals(IN_SERVICE, b.getString("runnerName"));
    long runnerId = github.runners.keySet().iterator().next();
    assertEquals(github.jitConfigs.get(runnerId), b.getString("jitConfig"));
    assertEquals("2.321.0", b.getString("requiredRunnerVersion"));
    assertTrue(b.containsKey("runnerDownload") && b.getValue("runnerDownload") == null);
    assertNotNull(b.getString("sessionToken"));
    assertTrue(github.calls.contains(
        "generateJitConfig " + IN_SERVICE + " [self-hosted, linux, x64] 7 _work"), github.calls.toString());
    assertEquals(runnerId, h.api.registry().agent(IN_SERVICE).orElseThrow().runnerId());
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux", "result", "ok"));
    h.clock.advance(Duration.ofDays(2));
    assertEquals(2.0, h.meters.get("hangar.runner.version.lag.days").tag("pool", "linux").gauge().value(), 1e-9,
        "the registered runner 2.320.0 has been behind 2.321.0 since the gateway first saw it");
  }

  @Test
  void gitHubTroubleBeforeTheClaimLeavesTheRegistrationAvailable() throws Exception {
    github.failLatest = true;
    var r = h.register(IN_SERVICE);
    assertRefused(503, "upstream unavailable", r);
    assertTrue(ledger.claims.isEmpty(), "the launch's registration was not used up");
    assertTrue(github.runners.isEmpty());
    github.failLatest = false;
    assertEquals(200, h.register(IN_SERVICE).status());
  }

  @Test
  void jitFailureAfterTheClaimIsNotRetriedByAReplay() throws Exception {
    github.failJit = true;
    assertRefused(503, "upstream unavailable", h.register(IN_SERVICE));
    github.failJit = false;
    assertRefused(409, "already registered", h.register(IN_SERVICE));
    assertTrue(github.runners.isEmpty(), "no runner minted; reconciliation retires the instance");
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux", "result", "error"));
  }

  @Test
  void answerLostToAnAgentTimeoutIsHandedToThatLaunchsRetryOnce() throws Exception {
    io.vertx.core.Promise<Void> slowGitHub = io.vertx.core.Promise.promise();
    github.jitGate = slowGitHub.future();
    String body = new JsonObject().put("identityDocument", h.document(IN_SERVICE))
        .put("runnerVersion", "2.320.0").encode();
    int closedBefore = h.closedConnections.get();
    // The agent sends its registration and gives up (its timeout) before GitHub answers.
    try (var agent = new java.net.Socket("127.0.0.1", h.port())) {
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      agent.getOutputStream().write(("POST " + AgentApi.MOUNT + "/register HTTP/1.1\r\nHost: gateway\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      agent.getOutputStream().write(bytes);
      agent.getOutputStream().flush();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> github.calls.stream().anyMatch(c -> c.startsWith("generateJitConfig")));
    }
    // GitHub answers only after the gateway saw the agent's connection close.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> h.closedConnections.get() > closedBefore);
    h.vertx.runOnContext(v -> slowGitHub.complete());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> h.count("hangar.agent.registrations", "pool", "linux", "result", "undelivered") == 1);

    var retry = h.postRaw("/register", body, null);
    assertEquals(200, retry.status(), retry.raw().body());
    long runnerId = github.runners.keySet().iterator().next();
    assertEquals(github.jitConfigs.get(runnerId), retry.body().getString("jitConfig"));
    assertEquals(1, github.runners.size(), "no second runner");
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux", "result", "resumed"));
    assertEquals(200, h.post("/heartbeat", validBody("/heartbeat"), retry.body().getString("sessionToken")).status());

    assertRefused(409, "already registered", h.postRaw("/register", body, null));
  }

  @Test
  void pinnedRunnerVersionComesWithItsDownload(Vertx vertx) throws Exception {
    h.close();
    var pinned = new AgentApiConfig(null, AgentApiHarness.ACCOUNT, Duration.ofMinutes(30), null, "2.320.1",
        new AgentApiConfig.RunnerDownload(
            "https://mirror.example/actions-runner-linux-x64-{version}.tar.gz", "ab".repeat(32)),
        null, null, null);
    h = new AgentApiHarness(vertx, tmp, pinned, fleet, ledger, github);
    var r = h.register(IN_SERVICE);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals("2.320.1", r.body().getString("requiredRunnerVersion"));
    assertEquals("https://mirror.example/actions-runner-linux-x64-2.320.1.tar.gz",
        r.body().getJsonObject("runnerDownload").getString("url"));
    assertEquals("ab".repeat(32), r.body().getJsonObject("runnerDownload").getString("sha256"));
    assertFalse(github.calls.contains("latestRunnerVersion"));
  }

  @Test
  void sessionCanBeRefreshedWithTheIdentityDocument() throws Exception {
    String first = h.session(WARMED).body().getString("sessionToken");
    h.clock.advance(Duration.ofMinutes(50));
    var again = h.session(WARMED);
    assertEquals(200, again.status());
    h.clock.advance(Duration.ofMinutes(20));
    assertEquals(401, heartbeat(first).status(), "the first token has expired");
    assertEquals(200, heartbeat(again.body().getString("sessionToken")).status());
  }

  @Test
  void heartbeatIsRecordedForReconciliation() throws Exception {
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    var r = h.post("/heartbeat", new JsonObject().put("state", "busy").put("runnerVersion", "2.321.0")
        .put("diskFreeBytes", 1_000_000_000L).put("memAvailableBytes", 2_000_000L).put("load1", 1.5), token);
    assertEquals(200, r.status(), r.raw().body());
    var agent = h.api.registry().agent(IN_SERVICE).orElseThrow();
    assertEquals("busy", agent.lastHeartbeat().state());
    assertEquals(1_000_000_000L, agent.lastHeartbeat().diskFreeBytes());
    assertEquals(h.clock.instant(), agent.lastSeen());
    assertEquals(1, h.count("hangar.agent.heartbeats", "pool", "linux"));
  }

  @Test
  void jobStartedProtectsTheInstanceAndTagsIt() throws Exception {
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    var r = h.post("/events", new JsonObject().put("type", "job-started").put("repository", "octo/app")
        .put("workflow", "CI").put("jobName", "build").put("runId", 42), token);
    assertEquals(200, r.status(), r.raw().body());
    assertTrue(fleet.instances.get(IN_SERVICE).protectedFromScaleIn());
    assertEquals(Map.of("hangar:repository", "octo/app", "hangar:workflow", "CI", "hangar:job", "build"),
        fleet.tags.get(IN_SERVICE));
    assertEquals(List.of("setInstanceProtection " + WARM_ASG + " [" + IN_SERVICE + "] true",
        "tagInstance " + IN_SERVICE + " [hangar:job, hangar:repository, hangar:workflow]"), fleet.calls);
  }

  @Test
  void spotInterruptionOfABusyRunnerMarksItsJob() throws Exception {
    ledger.seed("linux", running(9001, SPOT));
    ledger.seed("linux", running(9002, IN_SERVICE));
    String token = h.register(SPOT).body().getString("sessionToken");
    var r = h.post("/events", new JsonObject().put("type", "spot-interruption")
        .put("deadline", "2026-11-27T10:02:00Z"), token);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(1, ledger.stored(9001).interruptions());
    assertEquals(0, ledger.stored(9002).interruptions());
    assertEquals(1, h.count("hangar.spot.interruptions", "pool", "linux"));
    assertEquals(0, h.count("hangar.spot.rebalance.recommendations", "pool", "linux"));
    assertEquals(200, h.post("/events", new JsonObject().put("type", "rebalance"), token).status());
    assertEquals(1, h.count("hangar.spot.rebalance.recommendations", "pool", "linux"));
  }

  @Test
  void retireDeletesTheRunnerThenTerminatesWithDecrement() throws Exception {
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    long runnerId = github.runners.keySet().iterator().next();
    int desiredBefore = fleet.desired.get(WARM_ASG);
    var r = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals("retired", r.body().getString("status"));
    assertFalse(github.runners.containsKey(runnerId));
    assertEquals(InstanceLifecycle.TERMINATING, fleet.instances.get(IN_SERVICE).lifecycle());
    assertEquals(desiredBefore - 1, fleet.desired.get(WARM_ASG));
    assertEquals(List.of("terminateInstance " + IN_SERVICE + " true"), fleet.calls);
    assertEquals("deleteRunner " + runnerId, github.calls.get(github.calls.size() - 1));

    var again = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
    assertEquals(403, again.status(), "a retired instance's token is refused");
    assertEquals("instance retired", again.body().getString("error"));
    assertEquals(1, fleet.calls.size());
    assertEquals(desiredBefore - 1, fleet.desired.get(WARM_ASG));
  }

  @Test
  void retireFindsARunnerRegisteredElsewhereByName() throws Exception {
    String token = h.session(IN_SERVICE).body().getString("sessionToken");
    long runnerId = github.addRunner(IN_SERVICE);
    var r = h.post("/retire", new JsonObject().put("reason", "idle"), token);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(List.of("listRunners", "deleteRunner " + runnerId), github.calls);
    assertEquals(InstanceLifecycle.TERMINATING, fleet.instances.get(IN_SERVICE).lifecycle());
  }

  // ---- refusals: each changes nothing --------------------------------------------------------

  @Test
  void forgedIdentityDocumentIsRefused() throws Exception {
    IdentityDocuments forger = IdentityDocuments.newSigner("Not AWS");
    String forged = forger.rsa2048(IN_SERVICE, AgentApiHarness.REGION, AgentApiHarness.ACCOUNT, "2026-11-27T09:58:00Z");
    assertUnchanged(() -> {
      assertRefused(401, "identity document not verified",
          h.post("/register", new JsonObject().put("identityDocument", forged).put("runnerVersion", "2.320.0"), null));
      assertRefused(401, "identity document not verified",
          h.post("/session", new JsonObject().put("identityDocument", forged), null));
    });
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "unknown", "result", "signature"));
  }

  @Test
  void reSignedDocumentWithChangedContentIsRefused() throws Exception {
    String genuine = h.document(SPOT);
    String edited = IdentityDocuments.withContent(genuine, IdentityDocuments.documentJson(
        IN_SERVICE, AgentApiHarness.REGION, AgentApiHarness.ACCOUNT, "2026-11-27T09:58:00Z"));
    assertUnchanged(() -> assertRefused(401, "identity document not verified",
        h.post("/register", new JsonObject().put("identityDocument", edited).put("runnerVersion", "2.320.0"), null)));
  }

  @Test
  void garbageIdentityDocumentIsRefused() throws Exception {
    assertUnchanged(() -> {
      assertRefused(401, "identity document not verified",
          h.post("/session", new JsonObject().put("identityDocument", "bm90IGEgcGtjczcgbWVzc2FnZSBhdCBhbGw="), null));
      assertRefused(401, "identity document not verified",
          h.post("/session", new JsonObject().put("identityDocument", "%%%% not base64 %%%%"), null));
    });
  }

  @Test
  void validDocumentOfAnUnmanagedInstanceIsRefused() throws Exception {
    assertUnchanged(() -> {
      assertRefused(403, "instance not managed", h.register(STRANGER));
      assertRefused(403, "instance not managed", h.session(STRANGER));
      assertRefused(403, "instance not managed", h.register(UNKNOWN));
    });
  }

  @Test
  void documentOfAnotherRegionOrAccountIsRefused() throws Exception {
    String otherRegion = h.signer.rsa2048(IN_SERVICE, "us-east-1", AgentApiHarness.ACCOUNT, "2026-11-27T09:58:00Z");
    String otherAccount = h.signer.rsa2048(IN_SERVICE, AgentApiHarness.REGION, "999999999999", "2026-11-27T09:58:00Z");
    assertUnchanged(() -> {
      assertRefused(403, "instance not managed",
          h.post("/session", new JsonObject().put("identityDocument", otherRegion), null));
      assertRefused(403, "instance not managed",
          h.post("/session", new JsonObject().put("identityDocument", otherAccount), null));
    });
  }

  @Test
  void replayedRegistrationIsRefused() throws Exception {
    assertEquals(200, h.register(IN_SERVICE).status());
    assertUnchanged(() -> assertRefused(409, "already registered", h.register(IN_SERVICE)));
    assertEquals(1, github.runners.size());
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux", "result", "replay"));
  }

  @Test
  void registrationOfAWarmingInstanceIsRefused() throws Exception {
    assertUnchanged(() -> assertRefused(409, "instance not in service", h.register(WARMED)));
    assertTrue(ledger.claims.isEmpty(), "the launch's one registration is still available");
  }

  @Test
  void missingExpiredOrForeignSessionTokensAreRefused() throws Exception {
    String token = h.session(IN_SERVICE).body().getString("sessionToken");
    var otherKey = new SessionTokens(null, Duration.ofHours(1), h.clock).issue(IN_SERVICE).token();
    assertUnchanged(() -> {
      for (String path : List.of("/heartbeat", "/events", "/retire", "/lifecycle")) {
        var r = h.post(path, validBody(path), null);
        assertRefused(401, "missing session token", r);
        assertEquals("Bearer realm=\"hangar-agent\"", r.raw().headers().firstValue("WWW-Authenticate").orElse(""));
        assertRefused(401, "invalid session token", h.post(path, validBody(path), "not.a.token"));
        assertRefused(401, "invalid session token", h.post(path, validBody(path), otherKey));
        assertRefused(401, "invalid session token", h.post(path, validBody(path), token + "x"));
      }
      h.clock.advance(Duration.ofMinutes(61));
      for (String path : List.of("/heartbeat", "/events", "/retire", "/lifecycle")) {
        assertRefused(401, "session token expired", h.post(path, validBody(path), token));
      }
    });
    assertTrue(h.api.registry().agent(IN_SERVICE).orElseThrow().lastHeartbeat() == null);
  }

  @Test
  void callNamingAnotherInstanceIsForbidden() throws Exception {
    String token = h.session(IN_SERVICE).body().getString("sessionToken");
    assertUnchanged(() -> {
      for (String path : List.of("/heartbeat", "/events", "/retire", "/lifecycle")) {
        assertRefused(403, "session belongs to another instance",
            h.post(path, validBody(path).put("instanceId", WARMED), token));
      }
    });
    assertTrue(fleet.pendingHook.containsKey(WARMED), "the other instance's lifecycle action is still pending");
  }

  @Test
  void lifecycleCallOnlyEverCompletesTheCallersOwnAction() throws Exception {
    // A token of IN_SERVICE cannot reach WARMED's pending action: the hook is completed for the
    // token's instance, which has none pending, so AWS refuses and nothing changes for WARMED.
    // That refusal is final (409 no_lifecycle_action), not an outage to retry (503).
    String token = h.session(IN_SERVICE).body().getString("sessionToken");
    var r = h.post("/lifecycle", new JsonObject().put("hook", "launch").put("result", "CONTINUE"), token);
    assertRefused(409, "no pending lifecycle action", r);
    assertEquals(List.of("completeLifecycleAction " + WARM_ASG + " hangar-launch " + IN_SERVICE + " CONTINUE"), fleet.calls);
    assertTrue(fleet.pendingHook.containsKey(WARMED));
  }

  @Test
  void retireWhileBusyIsRefusedAndTheInstanceLives() throws Exception {
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    github.setBusy(IN_SERVICE, true);
    int desired = fleet.desired.get(WARM_ASG);
    var r = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
    assertEquals(409, r.status());
    assertEquals(new JsonObject().put("error", "runner busy").put("code", "runner_busy").put("reason", "runner busy"), r.body());
    assertEquals(InstanceLifecycle.IN_SERVICE, fleet.instances.get(IN_SERVICE).lifecycle());
    assertEquals(desired, fleet.desired.get(WARM_ASG));
    assertTrue(fleet.calls.isEmpty());
    assertEquals(1, github.runners.size());
    assertEquals(1, h.count("hangar.agent.retirements", "pool", "linux", "result", "busy"));

    github.setBusy(IN_SERVICE, false);
    h.clock.advance(Retirement.BUSY_MEMORY);
    assertEquals(200, h.post("/retire", new JsonObject().put("reason", "job completed"), token).status());
    assertEquals(InstanceLifecycle.TERMINATING, fleet.instances.get(IN_SERVICE).lifecycle());
  }

  @Test
  void malformedBodiesGetAReason() throws Exception {
    String token = h.session(IN_SERVICE).body().getString("sessionToken");
    assertUnchanged(() -> {
      assertRefused(400, "body must be a JSON object", h.postRaw("/session", "{not json", null));
      assertRefused(400, "body must be a JSON object", h.postRaw("/heartbeat", "[1,2]", token));
      assertRefused(400, "body must be a JSON object", h.postRaw("/heartbeat", "", token));
      assertRefused(400, "missing field: identityDocument", h.post("/session", new JsonObject(), null));
      assertRefused(400, "malformed field: runnerVersion", h.post("/register",
          new JsonObject().put("identityDocument", h.document(IN_SERVICE)).put("runnerVersion", "latest"), null));
      assertRefused(400, "unknown field: colour", h.post("/heartbeat", validBody("/heartbeat").put("colour", "red"), token));
      assertRefused(400, "field must be an integer from 0 to 9223372036854775807: diskFreeBytes",
          h.post("/heartbeat", validBody("/heartbeat").put("diskFreeBytes", -1), token));
      assertRefused(400, "field type must be one of [job-completed, job-started, rebalance, spot-interruption, warm-up-done]",
          h.post("/events", new JsonObject().put("type", "job-exploded"), token));
      assertRefused(400, "field result must be one of [ABANDON, CONTINUE]",
          h.post("/lifecycle", new JsonObject().put("hook", "launch").put("result", "continue"), token));
      assertRefused(400, "field must be an RFC 3339 time: deadline",
          h.post("/events", new JsonObject().put("type", "spot-interruption").put("deadline", "soon"), token));
      assertRefused(413, "body too large", h.postRaw("/session", "{\"identityDocument\":\"" + "A".repeat(20_000) + "\"}", null));
    });
  }

  @Test
  void unknownPathsAndMethodsAnswerJson() throws Exception {
    assertRefused(404, "not found", h.postRaw("/nothing-here", "{}", null));
    var get = h.get("/session");
    assertEquals(405, get.status());
    assertEquals(new JsonObject().put("error", "method not allowed").put("code", "method_not_allowed"), get.body());
    assertEquals("POST", get.raw().headers().firstValue("Allow").orElse(""));
  }

  @Test
  void tokensAndJitConfigsNeverReachTheLogs() throws Exception {
    var reg = h.register(IN_SERVICE);
    String token = reg.body().getString("sessionToken");
    String jit = reg.body().getString("jitConfig");
    String sessionToken = h.session(SPOT).body().getString("sessionToken");
    h.post("/heartbeat", validBody("/heartbeat"), token);
    h.post("/heartbeat", validBody("/heartbeat"), token + "x");
    h.post("/lifecycle", validBody("/lifecycle").put("instanceId", SPOT), token);
    h.post("/retire", validBody("/retire"), token);
    String logs = h.logText();
    assertFalse(logs.isEmpty(), "the calls were logged");
    assertTrue(logs.contains(IN_SERVICE), "log lines carry the instance id");
    var registered = h.logs.list.stream().filter(e -> e.getFormattedMessage().equals("runner registered"))
        .findFirst().orElseThrow();
    assertEquals(Map.of("instanceId", IN_SERVICE, "pool", "linux"), registered.getMDCPropertyMap(),
        "correlation keys in the MDC, as every Hangar log line carries them");
    for (String secret : List.of(token, jit, sessionToken, token.substring(token.lastIndexOf('.') + 1))) {
      assertFalse(logs.contains(secret), "a secret reached the logs");
    }
    assertFalse(new SessionTokens(null, Duration.ofHours(1), h.clock).issue(SPOT).toString().contains("ey"));
  }

  // ---- helpers -------------------------------------------------------------------------------

  interface Check {
    void run() throws Exception;
  }

  /** Runs the refusals and asserts no AWS, GitHub or ledger state changed. */
  private void assertUnchanged(Check refusals) throws Exception {
    List<String> fleetCalls = List.copyOf(fleet.calls);
    Map<String, Integer> desired = Map.copyOf(fleet.desired);
    var instances = Map.copyOf(fleet.instances);
    Set<String> claims = Set.copyOf(ledger.claims);
    List<String> ledgerWrites = List.copyOf(ledger.calls);
    List<String> githubCalls = List.copyOf(github.calls);
    var runners = Map.copyOf(github.runners);
    refusals.run();
    assertEquals(fleetCalls, fleet.calls);
    assertEquals(desired, fleet.desired);
    assertEquals(instances, fleet.instances);
    assertEquals(claims, ledger.claims);
    assertEquals(ledgerWrites, ledger.calls);
    assertEquals(githubCalls, github.calls);
    assertEquals(runners, github.runners);
  }

  private static void assertRefused(int status, String reason, AgentApiHarness.Response r) {
    assertEquals(status, r.status(), r.raw().body());
    assertEquals(reason, r.body().getString("error"));
    // Every refusal carries a code whose documented status is the one answered.
    assertEquals(status, ErrorCode.valueOf(r.body().getString("code").toUpperCase(java.util.Locale.ROOT)).status());
    assertEquals(java.util.Set.of("error", "code"), r.body().fieldNames());
    assertEquals("application/json", r.raw().headers().firstValue("Content-Type").orElse(""));
  }

  private AgentApiHarness.Response heartbeat(String token) throws Exception {
    return h.post("/heartbeat", validBody("/heartbeat"), token);
  }

  static JsonObject validBody(String path) {
    return switch (path) {
      case "/heartbeat" -> new JsonObject().put("state", "idle");
      case "/events" -> new JsonObject().put("type", "job-started").put("repository", "octo/app");
      case "/retire" -> new JsonObject().put("reason", "idle");
      case "/lifecycle" -> new JsonObject().put("hook", "launch").put("result", "CONTINUE");
      default -> throw new IllegalArgumentException(path);
    };
  }

  private static JobEvent running(long id, String runner) {
    return new JobEvent(id, 7, 1, JobStatus.IN_PROGRESS, List.of("self-hosted", "linux"), "octo/app", "octo",
        "CI", "build", runner, null, Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-27T09:01:00Z"), null);
  }
}
