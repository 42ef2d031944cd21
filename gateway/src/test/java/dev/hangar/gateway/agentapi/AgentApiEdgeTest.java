package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import static dev.hangar.gateway.agentapi.AgentApiHarness.SPOT_ASG;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.AgentApiConfig.RateLimit;
import dev.hangar.gateway.config.AgentApiConfig.RateLimits;
import dev.hangar.gateway.config.AgentApiConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The agent API's edge: rate limits, retired instances' tokens, number ranges, text rules. */
@ExtendWith(VertxExtension.class)
class AgentApiEdgeTest {
  static final String IN_SERVICE = "i-0bbbbbbbbbbbbbbb2";
  static final String SPOT = "i-0ccccccccccccccc3";
  static final List<String> AUTHED = List.of("/heartbeat", "/events", "/retire", "/lifecycle");

  @TempDir Path tmp;
  final InMemoryFleet fleet = new InMemoryFleet();
  final RecordingLedger ledger = new RecordingLedger();
  final FakeGitHub github = new FakeGitHub();
  AgentApiHarness h;

  void start(Vertx vertx, RateLimits limits) throws Exception {
    fleet.add(WARM_ASG, IN_SERVICE, "InService");
    fleet.add(SPOT_ASG, SPOT, "InService");
    h = new AgentApiHarness(vertx, tmp,
        new AgentApiConfig(null, AgentApiHarness.ACCOUNT, Duration.ofHours(1), null, null, null, null, null, null, limits),
        fleet, ledger, github);
  }

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
      assertEquals(List.of(), h.undocumented, "answers match docs/agent-api.yaml");
    }
  }

  // ---- rate limits -----------------------------------------------------------------------------

  @Test
  void busyRetiresFromOneInstanceAskGitHubOnceNotTwoHundredTimes(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    github.setBusy(IN_SERVICE, true);
    int githubBefore = github.calls.size();
    Map<Integer, Integer> statuses = new TreeMap<>();
    // The probe's figure: 200 retires in 12 s from one instance's token.
    for (int i = 0; i < 200; i++) {
      var r = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
      statuses.merge(r.status(), 1, Integer::sum);
      if (r.status() == 429) {
        assertTrue(Long.parseLong(r.raw().headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals("too many requests", r.body().getString("error"));
        assertEquals("too many retire calls from this instance", r.body().getString("reason"));
      } else {
        assertEquals(409, r.status(), r.raw().body());
      }
      h.clock.advance(Duration.ofMillis(60));
    }
    long deletes = github.calls.subList(githubBefore, github.calls.size()).stream()
        .filter(c -> c.startsWith("deleteRunner")).count();
    System.out.println("GitHub delete-runner calls for 200 busy retires: " + deletes + ", answers " + statuses);
    assertTrue(deletes <= 2, "GitHub delete-runner calls: " + deletes);
    assertEquals(1, deletes, "the 30 s busy memory covers the 12 s");
    assertEquals(List.of(), fleet.calls, "nothing terminated");
    assertTrue(statuses.getOrDefault(429, 0) > 150, statuses.toString());
    assertEquals((double) statuses.get(429), h.count("hangar.agent.throttled", "call", "retire", "scope", "instance"));
  }

  @Test
  void busyAnswerIsAskedAgainOnceItsMemoryLapses(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    github.setBusy(IN_SERVICE, true);
    assertEquals(409, h.post("/retire", new JsonObject().put("reason", "x"), token).status());
    github.setBusy(IN_SERVICE, false);
    h.clock.advance(Duration.ofSeconds(29));
    assertEquals(409, h.post("/retire", new JsonObject().put("reason", "x"), token).status(), "remembered");
    h.clock.advance(Duration.ofSeconds(1));
    assertEquals(200, h.post("/retire", new JsonObject().put("reason", "x"), token).status(), "asked again");
  }

  @Test
  void instanceLimitIsPerInstanceAndRefills(Vertx vertx) throws Exception {
    start(vertx, new RateLimits(new RateLimit(2, 1), new RateLimit(100, 100)));
    String mine = h.session(IN_SERVICE).body().getString("sessionToken");
    String other = h.session(SPOT).body().getString("sessionToken");
    JsonObject event = new JsonObject().put("type", "job-completed");
    assertEquals(200, h.post("/events", event, mine).status());
    assertEquals(200, h.post("/events", event, mine).status());
    var refused = h.post("/events", event, mine);
    assertEquals(429, refused.status());
    assertEquals("60", refused.raw().headers().firstValue("Retry-After").orElseThrow(), "one call a minute");
    assertEquals(200, h.post("/events", event, other).status(), "another instance has its own bucket");
    assertEquals(200, h.post("/heartbeat", new JsonObject().put("state", "idle"), mine).status(),
        "heartbeats are not limited");
    h.clock.advance(Duration.ofSeconds(60));
    assertEquals(200, h.post("/events", event, mine).status());
    assertEquals(429, h.post("/events", event, mine).status());
    assertEquals(2, h.count("hangar.agent.throttled", "call", "events", "scope", "instance"));
  }

  @Test
  void unauthenticatedCallsHaveTheGlobalLimit(Vertx vertx) throws Exception {
    start(vertx, new RateLimits(new RateLimit(100, 100), new RateLimit(3, 6)));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, h.session(i % 2 == 0 ? IN_SERVICE : SPOT).status());
    }
    var refused = h.session(SPOT);
    assertEquals(429, refused.status());
    assertEquals("10", refused.raw().headers().firstValue("Retry-After").orElseThrow());
    assertEquals("too many session calls from the fleet", refused.body().getString("reason"));
    int githubBefore = github.calls.size();
    var register = h.register(IN_SERVICE);
    assertEquals(200, register.status(), "register has its own bucket");
    for (int i = 0; i < 2; i++) {
      h.register(SPOT);
    }
    assertEquals(429, h.register(SPOT).status());
    assertEquals(1, h.count("hangar.agent.throttled", "call", "session", "scope", "global"));
    h.clock.advance(Duration.ofSeconds(10));
    assertEquals(200, h.session(SPOT).status());
    assertTrue(github.calls.size() > githubBefore);
  }

  @Test
  void globalRefusalDoesNotSpendTheInstancesBudget(Vertx vertx) throws Exception {
    start(vertx, new RateLimits(new RateLimit(2, 1), new RateLimit(1, 1)));
    String mine = h.session(IN_SERVICE).body().getString("sessionToken");
    h.clock.advance(Duration.ofSeconds(60));
    String other = h.session(SPOT).body().getString("sessionToken");
    JsonObject event = new JsonObject().put("type", "job-completed");
    assertEquals(200, h.post("/events", event, other).status());
    assertEquals(429, h.post("/events", event, mine).status(), "the fleet's bucket is empty");
    h.clock.advance(Duration.ofSeconds(60));
    assertEquals(200, h.post("/events", event, mine).status());
    h.clock.advance(Duration.ofSeconds(60));
    assertEquals(200, h.post("/events", event, mine).status(), "both of the instance's calls were left");
  }

  @Test
  void limiterMemoryIsBounded() {
    var clock = new AgentApiHarness.SettableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    var limiter = new RateLimiter(new RateLimit(2, 60), 100, clock);
    for (int i = 0; i < 1000; i++) {
      limiter.take("i-" + i);
    }
    assertEquals(100, limiter.size(), "at most maxKeys buckets");
    clock.advance(Duration.ofSeconds(2));
    limiter.take("fresh");
    assertEquals(1, limiter.size(), "buckets idle long enough to be full again are dropped");

    var ids = new RecentIds(Duration.ofMinutes(1), 10, clock);
    for (int i = 0; i < 50; i++) {
      ids.add("i-" + i);
    }
    assertEquals(10, ids.size());
    assertTrue(ids.contains("i-49"));
    clock.advance(Duration.ofMinutes(1));
    assertTrue(!ids.contains("i-49"));
    assertEquals(0, ids.size());
  }

  // ---- retired instances ---------------------------------------------------------------------

  @Test
  void retiredInstancesTokenIsRefusedOnEveryEndpoint(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    assertEquals(200, h.post("/retire", new JsonObject().put("reason", "job completed"), token).status());
    List<String> fleetCalls = List.copyOf(fleet.calls);
    int githubCalls = github.calls.size();
    for (String path : AUTHED) {
      var r = h.post(path, AgentApiTest.validBody(path), token);
      assertEquals(403, r.status(), path + " " + r.raw().body());
      assertEquals("instance retired", r.body().getString("error"), path);
    }
    var session = h.session(IN_SERVICE);
    assertEquals(403, session.status(), "no fresh token for a retired instance");
    assertEquals("instance retired", session.body().getString("error"));
    assertEquals(fleetCalls, fleet.calls, "nothing done");
    assertEquals(githubCalls, github.calls.size());
    assertEquals(5, h.count("hangar.agent.auth.failures", "reason", "retired"));

    // Its termination hook can still be completed, so the instance does not wait for the timeout.
    fleet.pending(IN_SERVICE, "hangar-termination");
    var hook = h.post("/lifecycle", new JsonObject().put("hook", "termination").put("result", "CONTINUE"), token);
    assertEquals(200, hook.status(), hook.raw().body());

    // Remembered for a session lifetime and a minute: by then every token issued before is dead.
    h.clock.advance(Duration.ofHours(1).plusMinutes(1));
    assertEquals(401, h.post("/heartbeat", new JsonObject().put("state", "idle"), token).status());
  }

  @Test
  void terminatedThroughItsHookIsRefusedToo(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.session(SPOT).body().getString("sessionToken");
    fleet.pending(SPOT, "hangar-termination");
    JsonObject hook = new JsonObject().put("hook", "termination").put("result", "CONTINUE");
    assertEquals(200, h.post("/lifecycle", hook, token).status());
    for (String path : List.of("/heartbeat", "/events", "/retire")) {
      assertEquals(403, h.post(path, AgentApiTest.validBody(path), token).status(), path);
    }
    assertEquals(403, h.post("/lifecycle", AgentApiTest.validBody("/lifecycle"), token).status());
  }

  // ---- numbers ---------------------------------------------------------------------------------

  @Test
  void numbersOutOfRangeAreRefusedNamingTheField(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    List<String> fleetCalls = List.copyOf(fleet.calls);
    for (String field : List.of("diskFreeBytes", "memAvailableBytes")) {
      for (String v : List.of("18446744073709551616", "9223372036854775808", "1e400", "-1", "1.5", "-1e400",
          "\"12\"", "true")) {
        assertField("/heartbeat", "{\"state\":\"idle\",\"" + field + "\":" + v + "}", token, field);
      }
    }
    for (String v : List.of("1e400", "-1e400", "-0.5", "1000001", "\"1\"")) {
      assertField("/heartbeat", "{\"state\":\"idle\",\"load1\":" + v + "}", token, "load1");
    }
    for (String v : List.of("9223372036854775808", "18446744073709551616", "1e400", "-1", "0.5")) {
      assertField("/events", "{\"type\":\"job-completed\",\"runId\":" + v + "}", token, "runId");
    }
    assertEquals(fleetCalls, fleet.calls);
    assertTrue(h.api.registry().agent(IN_SERVICE).orElseThrow().lastHeartbeat() == null, "nothing recorded");

    var max = h.postRaw("/heartbeat",
        "{\"state\":\"idle\",\"diskFreeBytes\":9223372036854775807,\"load1\":1e3,\"memAvailableBytes\":1e3}", token);
    assertEquals(200, max.status(), max.raw().body());
    var hb = h.api.registry().agent(IN_SERVICE).orElseThrow().lastHeartbeat();
    assertEquals(Long.MAX_VALUE, hb.diskFreeBytes());
    assertEquals(1000L, hb.memAvailableBytes());
    assertEquals(1000.0, hb.load1());
    assertEquals(200, h.postRaw("/events", "{\"type\":\"job-completed\",\"runId\":9223372036854775807}", token).status());
  }

  // ---- strings ---------------------------------------------------------------------------------

  @Test
  void controlAndBidiCharactersAreRefusedNamingTheField(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    List<String> fleetCalls = List.copyOf(fleet.calls);
    // Sent as JSON escapes: an HTTP client would turn an unpaired surrogate into '?'.
    List<Character> bad = List.of('\u0000', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u202a', '\u202e',
        '\u2066', '\u2069', '\ud800', '\udfff');
    Map<String, JsonObject> bodies = Map.of(
        "repository", new JsonObject().put("type", "job-started"),
        "workflow", new JsonObject().put("type", "job-started"),
        "jobName", new JsonObject().put("type", "job-started"),
        "conclusion", new JsonObject().put("type", "job-completed"),
        "reason", new JsonObject(),
        "state", new JsonObject(),
        "runnerVersion", new JsonObject().put("state", "idle"));
    for (var e : bodies.entrySet()) {
      String field = e.getKey();
      String path = switch (field) {
        case "reason" -> "/retire";
        case "state", "runnerVersion" -> "/heartbeat";
        default -> "/events";
      };
      for (char c : bad) {
        String escape = String.format("\\u%04x", (int) c);
        var r = h.postRaw(path, e.getValue().copy().put(field, "octo@app").encode().replace("@", escape), token);
        assertEquals(400, r.status(), field + " " + escape);
        String reason = r.body().getString("error");
        assertTrue(reason.endsWith(": " + field) && reason.contains("control or bidi"), reason);
      }
    }
    assertEquals(fleetCalls, fleet.calls, "nothing tagged, protected or terminated");
    assertEquals(200, h.post("/events", new JsonObject().put("type", "job-started")
        .put("repository", "octo/app").put("jobName", "build (ünïcödé, 日本, 🚀)"), token).status());
  }

  @Test
  void tagValuesAreCutToTheEc2Limit(Vertx vertx) throws Exception {
    start(vertx, null);
    String token = h.register(IN_SERVICE).body().getString("sessionToken");
    String rockets = "🚀".repeat(1000);
    String longName = "b".repeat(300);
    var r = h.post("/events", new JsonObject().put("type", "job-started").put("repository", "octo/app")
        .put("workflow", rockets).put("jobName", longName), token);
    assertEquals(200, r.status(), r.raw().body());
    var tags = fleet.tags.get(IN_SERVICE);
    assertEquals("🚀".repeat(256), tags.get(AgentEvents.TAG_WORKFLOW), "256 characters, no pair split");
    assertEquals("b".repeat(256), tags.get(AgentEvents.TAG_JOB));
    assertEquals("octo/app", tags.get(AgentEvents.TAG_REPOSITORY));
    for (String key : tags.keySet()) {
      assertTrue(key.length() <= SafeText.TAG_KEY_MAX, key);
    }
    var tooLong = h.post("/events", new JsonObject().put("type", "job-started").put("jobName", "b".repeat(1025)), token);
    assertEquals(400, tooLong.status());
    assertEquals("field too long: jobName", tooLong.body().getString("error"));
  }

  // ---- the document states what the code enforces ----------------------------------------------

  @Test
  void documentStatesTheTextRuleOnEveryFreeTextField() {
    var schemas = AgentApiDocument.tree().get("components").get("schemas");
    for (String[] f : new String[][] {
        {"Heartbeat", "state"}, {"Heartbeat", "runnerVersion"}, {"Event", "repository"},
        {"Event", "workflow"}, {"Event", "jobName"}, {"Event", "conclusion"}, {"RetireRequest", "reason"}}) {
      assertEquals(SafeText.PATTERN, schemas.get(f[0]).get("properties").get(f[1]).get("pattern").asText(),
          f[0] + "." + f[1]);
    }
    var retryAfter = AgentApiDocument.tree().at("/components/responses/TooManyRequests/headers/Retry-After");
    assertTrue(retryAfter.get("required").asBoolean());
    for (String path : List.of("session", "register", "events", "retire", "lifecycle")) {
      assertTrue(AgentApiDocument.tree().at("/paths/~1agent~1v1~1" + path + "/post/responses/429").has("$ref"), path);
    }
    assertEquals(Long.MAX_VALUE, schemas.at("/Event/properties/runId/maximum").asLong());
    assertEquals(AgentRequests.LOAD_MAX, schemas.at("/Heartbeat/properties/load1/maximum").asDouble());
    assertEquals(AgentRequests.NAME_MAX, schemas.at("/Event/properties/jobName/maxLength").asInt());
  }

  private void assertField(String path, String body, String token, String field) throws Exception {
    var r = h.postRaw(path, body, token);
    assertEquals(400, r.status(), body + " -> " + r.raw().body());
    assertTrue(r.body().getString("error").endsWith(": " + field), r.body().encode());
  }
}
