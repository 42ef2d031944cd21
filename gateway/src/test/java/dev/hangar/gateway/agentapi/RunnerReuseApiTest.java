package dev.hangar.gateway.agentapi;

import static dev.hangar.gateway.agentapi.AgentApiHarness.REUSE_ASG;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.InMemoryFleet;
import dev.hangar.gateway.testing.RecordingLedger;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runner reuse on the agent API: an instance of a pool with {@code maxJobsPerRunner: 3} registers
 * a fresh JIT runner per job, numbered 1..3, each number once and in order; an ephemeral pool
 * behaves as before.
 */
@ExtendWith(VertxExtension.class)
class RunnerReuseApiTest {
  static final String REUSED = "i-0aaaaaaaaaaaa0e01";
  static final String EPHEMERAL = "i-0bbbbbbbbbbbb0e02";
  static final String LAUNCH = "2026-11-27T09:58:00Z";

  @TempDir Path tmp;
  InMemoryFleet fleet;
  RecordingLedger ledger;
  FakeGitHub github;
  AgentApiHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    fleet = new InMemoryFleet();
    fleet.add(REUSE_ASG, REUSED, "InService");
    fleet.add(WARM_ASG, EPHEMERAL, "InService");
    ledger = new RecordingLedger();
    github = new FakeGitHub();
    h = new AgentApiHarness(vertx, tmp, AgentApiHarness.config(), fleet, ledger, github);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    assertEquals(List.of(), h.undocumented, "answers match docs/agent-api.yaml");
  }

  @Test
  void reusedInstanceRegistersOneFreshRunnerPerJobUpToItsPoolsLimit() throws Exception {
    Set<String> jitConfigs = new HashSet<>();
    for (int sequence = 1; sequence <= 3; sequence++) {
      var r = h.register(REUSED, sequence);
      assertEquals(200, r.status(), r.raw().body());
      assertEquals(sequence, r.body().getInteger("sequence"));
      assertEquals(3 - sequence, r.body().getInteger("jobsLeft"));
      assertEquals(REUSED, r.body().getString("runnerName"), "the instance id names every runner");
      assertTrue(jitConfigs.add(r.body().getString("jitConfig")), "a fresh JIT config each time");
      long runnerId = github.runners.keySet().iterator().next();
      assertEquals(github.jitConfigs.get(runnerId), r.body().getString("jitConfig"));
      assertEquals(runnerId, h.api.registry().agent(REUSED).orElseThrow().runnerId(),
          "retirement deletes the latest runner");
      github.jobDone(REUSED); // the JIT runner took its one job; GitHub removes it
    }
    assertEquals(Set.of(REUSED + "/" + LAUNCH, REUSED + "/" + LAUNCH + "#2", REUSED + "/" + LAUNCH + "#3"),
        ledger.claims);
    assertEquals(3, h.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "ok"));

    assertUnchanged(() -> assertRefused(409, "sequence_refused", "no registration left", h.register(REUSED, 4)));
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "jobs_used_up"));
  }

  @Test
  void registrationWithoutASequenceIsTheFirstAndCannotBeRepeated() throws Exception {
    var first = h.register(REUSED);
    assertEquals(200, first.status(), first.raw().body());
    assertEquals(1, first.body().getInteger("sequence"));
    assertEquals(2, first.body().getInteger("jobsLeft"));
    assertUnchanged(() -> assertRefused(409, "already_registered", "already registered", h.register(REUSED, 1)));
    assertEquals(1, github.runners.size());
  }

  @Test
  void aSkippedSequenceIsRefusedAndChangesNothing() throws Exception {
    assertUnchanged(() -> assertRefused(409, "sequence_refused", "not the next registration", h.register(REUSED, 2)));
    assertTrue(ledger.claims.isEmpty());
    assertEquals(200, h.register(REUSED, 1).status());
    github.jobDone(REUSED);
    assertUnchanged(() -> assertRefused(409, "sequence_refused", "not the next registration", h.register(REUSED, 3)));
    assertEquals(2, h.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "out_of_sequence"));
    assertEquals(200, h.register(REUSED, 2).status(), "the next one is still available");
  }

  @Test
  void aReplayedSequenceIsRefusedAndMintsNoSecondRunner() throws Exception {
    assertEquals(200, h.register(REUSED, 1).status());
    github.jobDone(REUSED);
    var second = h.register(REUSED, 2);
    assertEquals(200, second.status());
    assertUnchanged(() -> assertRefused(409, "already_registered", "already registered", h.register(REUSED, 2)));
    assertUnchanged(() -> assertRefused(409, "already_registered", "already registered", h.register(REUSED, 1)));
    assertEquals(1, github.runners.size());
    assertEquals(second.body().getString("jitConfig"), github.jitConfigs.get(github.runners.keySet().iterator().next()));
  }

  @Test
  void ephemeralPoolRegistersOnceAsBefore() throws Exception {
    var r = h.register(EPHEMERAL);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(0, r.body().getInteger("jobsLeft"), "one job: retire after it");
    assertEquals(Set.of(EPHEMERAL + "/" + LAUNCH), ledger.claims);
    github.jobDone(EPHEMERAL);
    assertUnchanged(() -> assertRefused(409, "already_registered", "already registered", h.register(EPHEMERAL)));
    assertUnchanged(() -> assertRefused(409, "sequence_refused", "no registration left", h.register(EPHEMERAL, 2)));
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux", "result", "ok"));
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux", "result", "replay"));
  }

  @Test
  void previousRunnerStillBusyOnGitHubGivesTheClaimBackForARetry() throws Exception {
    assertEquals(200, h.register(REUSED, 1).status());
    long previous = github.runners.keySet().iterator().next();
    github.setBusy(REUSED, true); // GitHub has not seen the first job end yet
    var refused = h.register(REUSED, 2);
    assertRefused(409, "runner_busy", "previous runner busy", refused);
    assertEquals("previous runner busy", refused.body().getString("reason"));
    assertFalse(ledger.claims.contains(REUSED + "/" + LAUNCH + "#2"), "registration 2 still available");
    assertTrue(github.runners.containsKey(previous), "a busy runner is never removed");
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "previous_runner_busy"));

    github.setBusy(REUSED, false); // the job is over; the finished runner was not removed yet
    var retry = h.register(REUSED, 2);
    assertEquals(200, retry.status(), retry.raw().body());
    assertEquals(1, github.runners.size(), "the finished runner was replaced");
    assertFalse(github.runners.containsKey(previous));
  }

  @Test
  void answerOfALaterRegistrationLostToAnAgentTimeoutIsHandedToItsRetryOnce() throws Exception {
    assertEquals(200, h.register(REUSED, 1).status());
    github.jobDone(REUSED);
    Promise<Void> slowGitHub = Promise.promise();
    github.jitGate = slowGitHub.future();
    String body = new JsonObject().put("identityDocument", h.document(REUSED))
        .put("runnerVersion", "2.320.0").put("sequence", 2).encode();
    int closedBefore = h.closedConnections.get();
    // The agent sends registration 2 and gives up (its timeout) before GitHub answers.
    try (var agent = new Socket("127.0.0.1", h.port())) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      agent.getOutputStream().write(("POST " + AgentApi.MOUNT + "/register HTTP/1.1\r\nHost: gateway\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      agent.getOutputStream().write(bytes);
      agent.getOutputStream().flush();
      Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> github.calls.stream().filter(c -> c.startsWith("generateJitConfig")).count() == 2);
    }
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> h.closedConnections.get() > closedBefore);
    h.vertx.runOnContext(v -> slowGitHub.complete());
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> h.count("hangar.agent.registrations", "pool", "linux-reuse", "result", "undelivered") == 1);
    github.jitGate = null;

    assertRefused(409, "already_registered", "already registered", h.register(REUSED, 1));
    var retry = h.postRaw("/register", body, null);
    assertEquals(200, retry.status(), retry.raw().body());
    long runnerId = github.runners.keySet().iterator().next();
    assertEquals(github.jitConfigs.get(runnerId), retry.body().getString("jitConfig"), "the same answer");
    assertEquals(2, retry.body().getInteger("sequence"));
    assertEquals(1, retry.body().getInteger("jobsLeft"));
    assertEquals(1, github.runners.size(), "no second runner");
    assertRefused(409, "already_registered", "already registered", h.postRaw("/register", body, null));
  }

  @Test
  void sequenceOutsideOneToAHundredIsABadRequest() throws Exception {
    for (Object bad : List.of(0, 101, -1, 1.5, "2")) {
      String body = new JsonObject().put("identityDocument", h.document(REUSED)).put("runnerVersion", "2.320.0")
          .put("sequence", bad).encode();
      assertUnchanged(() -> {
        var r = h.postRaw("/register", body, null);
        assertEquals(400, r.status(), bad + ": " + r.raw().body());
        assertEquals("bad_request", r.body().getString("code"));
        assertTrue(r.body().getString("error").contains("sequence"), r.body().getString("error"));
      });
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  interface Check {
    void run() throws Exception;
  }

  /** Runs the refusals and asserts no AWS, GitHub or ledger state changed. */
  private void assertUnchanged(Check refusals) throws Exception {
    List<String> fleetCalls = List.copyOf(fleet.calls);
    Set<String> claims = Set.copyOf(ledger.claims);
    List<String> ledgerWrites = List.copyOf(ledger.calls);
    List<String> githubWrites = githubWrites();
    Map<Long, ?> runners = Map.copyOf(github.runners);
    refusals.run();
    assertEquals(fleetCalls, fleet.calls);
    assertEquals(claims, ledger.claims);
    assertEquals(ledgerWrites, ledger.calls);
    assertEquals(githubWrites, githubWrites());
    assertEquals(runners, github.runners);
  }

  /** The GitHub calls that change something (reads such as the latest runner version may happen). */
  private List<String> githubWrites() {
    return github.calls.stream()
        .filter(c -> c.startsWith("generateJitConfig") || c.startsWith("deleteRunner")).toList();
  }

  private static void assertRefused(int status, String code, String error, AgentApiHarness.Response r) {
    assertEquals(status, r.status(), r.raw().body());
    assertEquals(code, r.body().getString("code"));
    assertEquals(error, r.body().getString("error"));
    assertEquals(status, ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)).status());
  }
}
