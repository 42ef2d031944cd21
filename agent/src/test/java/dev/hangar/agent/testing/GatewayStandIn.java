package dev.hangar.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hangar.agent.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Stand-in for the gateway side of {@code /agent/v1/*} as docs/agent-api.yaml describes it, each
 * refusal with its {@code code}: identity documents verified against the test CA (401 {@code
 * not_verified}), session tokens bound to an instance (401 {@code session_invalid}), unmanaged
 * instances (403 {@code not_managed}), one registration per launch and job number up to {@link
 * #maxJobsPerRunner} (409 {@code already_registered} for a number used, {@code sequence_refused}
 * for one skipped or beyond the limit), 409 {@code not_in_service} unless the instance is InService, retire
 * answering 409 {@code runner_busy} while GitHub would call the runner busy, 429 {@code throttled}
 * with {@code Retry-After} on demand, and request bodies checked against the schemas (required
 * fields, no unknown fields, enums, types): a violation answers 400 {@code bad_request} and is
 * recorded.
 */
public final class GatewayStandIn implements AutoCloseable {
  /** One accepted call to an authenticated endpoint. */
  public record Call(String path, String instanceId, Map<String, Object> body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "gateway-standin");
    t.setDaemon(true);
    return t;
  });
  private final TestIdentity identity;
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  /** Per instance, the highest job number registered. */
  private final Map<String, Integer> sequences = new ConcurrentHashMap<>();
  private final List<Integer> registeredSequences = new CopyOnWriteArrayList<>();
  private volatile int maxJobsPerRunner = 1;
  private final Set<String> retired = ConcurrentHashMap.newKeySet();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> jitConfigs = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger unavailableAnswers = new AtomicInteger();
  private final AtomicInteger throttleNext = new AtomicInteger();
  private final List<String> throttled = new CopyOnWriteArrayList<>();
  private volatile int retryAfterSeconds = 1;
  private volatile Predicate<String> managed = id -> true;
  private volatile boolean unavailable;
  private volatile boolean runnerBusy;
  private volatile Predicate<String> inService = id -> true;
  private volatile String requiredRunnerVersion;
  private volatile Map<String, Object> runnerDownload;

  public GatewayStandIn(TestIdentity identity) throws IOException {
    this.identity = identity;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    server.setExecutor(executor);
    server.createContext("/agent/v1/", this::handle);
    server.createContext("/downloads/", this::download);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** While true every call answers 503 {@code upstream unavailable}. */
  public void unavailable(boolean value) {
    unavailable = value;
  }

  public int unavailableAnswers() {
    return unavailableAnswers.get();
  }

  /** While true, retire answers 409 runner busy (GitHub refuses to delete a busy runner). */
  public void runnerBusy(boolean value) {
    runnerBusy = value;
  }

  /** The pool's {@code maxJobsPerRunner}: registrations per launch (default 1, ephemeral). */
  public void maxJobsPerRunner(int n) {
    maxJobsPerRunner = n;
  }

  /** The job numbers registered, in order. */
  public List<Integer> registeredSequences() {
    return List.copyOf(registeredSequences);
  }

  public void inService(Predicate<String> test) {
    inService = test;
  }

  /** Instances for which this is false are refused with 403 not_managed. */
  public void managed(Predicate<String> test) {
    managed = test;
  }

  /** The next {@code n} calls answer 429 throttled with {@code Retry-After: seconds}. */
  public void throttleNext(int n, int seconds) {
    retryAfterSeconds = seconds;
    throttleNext.set(n);
  }

  /** Paths of the calls answered 429. */
  public List<String> throttled() {
    return List.copyOf(throttled);
  }

  /** Register answers this required version and download (url may point at {@link #serve}). */
  public void requireRunner(String version, String url, String sha256) {
    requiredRunnerVersion = version;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("url", url);
    d.put("sha256", sha256);
    runnerDownload = d;
  }

  /** Serves bytes at {@code /downloads/<name>} and returns the URL. */
  public String serve(String name, byte[] bytes) {
    files.put(name, bytes);
    return url() + "/downloads/" + name;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  /** Accepted events of one type. */
  public List<Map<String, Object>> events(String type) {
    return calls("/agent/v1/events").stream().map(Call::body).filter(b -> type.equals(b.get("type"))).toList();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public List<String> jitConfigs() {
    return List.copyOf(jitConfigs);
  }

  public boolean retired(String instanceId) {
    return retired.contains(instanceId);
  }

  public boolean registered(String instanceId) {
    return registered.contains(instanceId);
  }

  private void download(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] bytes = files.get(ex.getRequestURI().getPath().substring("/downloads/".length()));
      if (bytes == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (unavailable) {
        unavailableAnswers.incrementAndGet();
        reply(ex, 503, Map.of("error", "upstream unavailable"));
        return;
      }
      if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throttled.add(path);
        ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        reply(ex, 429, refusal("throttled", "too many requests"));
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, Map.of("error", "method not allowed"));
        return;
      }
      Map<String, Object> body;
      try {
        body = Json.parseObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        violation(path + ": body is not a JSON object");
        reply(ex, 400, refusal("bad_request", "malformed JSON"));
        return;
      }
      Optional<String> problem = Schemas.check(path, body);
      if (problem.isPresent()) {
        violation(path + ": " + problem.get());
        reply(ex, 400, refusal("bad_request", problem.get()));
        return;
      }
      switch (path) {
        case "/agent/v1/session" -> session(ex, body, false);
        case "/agent/v1/register" -> session(ex, body, true);
        default -> authed(ex, path, body);
      }
    }
  }

  private void session(HttpExchange ex, Map<String, Object> body, boolean register) throws IOException {
    Map<String, Object> registerAnswer = Map.of();
    Optional<String> instance = identity.verify(String.valueOf(body.get("identityDocument")));
    if (instance.isEmpty()) {
      reply(ex, 401, refusal("not_verified", "identity document not verified"));
      return;
    }
    String id = instance.get();
    if (!managed.test(id)) {
      reply(ex, 403, refusal("not_managed", "instance not managed"));
      return;
    }
    if (register) {
      if (!inService.test(id)) {
        reply(ex, 409, refusal("not_in_service", "instance not in service"));
        return;
      }
      int sequence = body.get("sequence") instanceof Long n ? n.intValue() : 1;
      if (sequence > maxJobsPerRunner) {
        reply(ex, 409, refusal("sequence_refused", "no registration left"));
        return;
      }
      String[] refused = new String[1];
      sequences.compute(id, (k, last) -> {
        int claimed = last == null ? 0 : last;
        if (sequence != claimed + 1) {
          refused[0] = sequence <= claimed ? "already_registered" : "sequence_refused";
          return last;
        }
        return sequence;
      });
      if (refused[0] != null) {
        reply(ex, 409, refusal(refused[0],
            refused[0].equals("already_registered") ? "already registered" : "not the next registration"));
        return;
      }
      registered.add(id);
      registeredSequences.add(sequence);
      registerAnswer = Map.of("sequence", sequence, "jobsLeft", maxJobsPerRunner - sequence);
    }
    String token = "st-" + UUID.randomUUID();
    sessions.put(token, id);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sessionToken", token);
    answer.put("instanceId", id);
    answer.put("expiresAt", Instant.now().plusSeconds(900).toString());
    if (register) {
      String jit = "jit-" + UUID.randomUUID();
      jitConfigs.add(jit);
      answer.put("runnerName", id);
      answer.put("jitConfig", jit);
      String version = String.valueOf(body.get("runnerVersion"));
      answer.put("requiredRunnerVersion", requiredRunnerVersion == null ? version : requiredRunnerVersion);
      answer.put("runnerDownload", runnerDownload);
      answer.putAll(registerAnswer);
    }
    reply(ex, 200, answer);
  }

  private void authed(HttpExchange ex, String path, Map<String, Object> body) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String id = auth != null && auth.startsWith("Bearer ") ? sessions.get(auth.substring(7)) : null;
    if (id == null) {
      reply(ex, 401, refusal("session_invalid", "invalid session token"));
      return;
    }
    if (path.equals("/agent/v1/retire") && runnerBusy && !retired.contains(id)) {
      Map<String, Object> busy = new LinkedHashMap<>(refusal("runner_busy", "runner busy"));
      busy.put("reason", "runner busy");
      reply(ex, 409, busy);
      return;
    }
    calls.add(new Call(path, id, body));
    switch (path) {
      case "/agent/v1/retire" -> {
        retired.add(id);
        reply(ex, 200, Map.of("status", "retired"));
      }
      case "/agent/v1/lifecycle" -> reply(ex, 200, Map.of("status", "completed"));
      case "/agent/v1/events" -> reply(ex, 200, Map.of("status", "recorded"));
      default -> reply(ex, 200, Map.of("status", "ok"));
    }
  }

  private static Map<String, Object> refusal(String code, String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("code", code);
    return body;
  }

  /** Expires every session token (as a gateway restart or revocation does). */
  public void revokeSessions() {
    sessions.clear();
  }

  private void violation(String what) {
    violations.add(what);
  }

  private static void reply(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** The request schemas of docs/agent-api.yaml, reduced to what a stand-in can check cheaply. */
  static final class Schemas {
    private Schemas() {}

    static Optional<String> check(String path, Map<String, Object> body) {
      List<String> problems = new ArrayList<>();
      switch (path) {
        case "/agent/v1/session" -> {
          fields(body, Set.of("identityDocument"), Set.of("identitySignature"), problems);
          string(body, "identityDocument", problems);
        }
        case "/agent/v1/register" -> {
          fields(body, Set.of("identityDocument", "runnerVersion"), Set.of("sequence"), problems);
          if (body.containsKey("sequence") && !(body.get("sequence") instanceof Long n && n >= 1 && n <= 100)) {
            problems.add("sequence must be an integer from 1 to 100");
          }
          if (!String.valueOf(body.get("runnerVersion")).matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
            problems.add("runnerVersion must look like 2.321.0");
          }
        }
        case "/agent/v1/heartbeat" -> {
          fields(body, Set.of("state"), Set.of("instanceId", "runnerVersion", "diskFreeBytes", "memAvailableBytes",
              "load1"), problems);
          for (String k : List.of("diskFreeBytes", "memAvailableBytes")) {
            if (body.containsKey(k) && !(body.get(k) instanceof Long n && n >= 0)) {
              problems.add(k + " must be a non-negative integer");
            }
          }
          if (body.containsKey("load1") && !(body.get("load1") instanceof Number n && n.doubleValue() >= 0)) {
            problems.add("load1 must be a non-negative number");
          }
        }
        case "/agent/v1/events" -> {
          fields(body, Set.of("type"), Set.of("instanceId", "repository", "workflow", "jobName", "runId",
              "conclusion", "deadline"), problems);
          if (!Set.of("job-started", "job-completed", "spot-interruption", "rebalance", "warm-up-done")
              .contains(body.get("type"))) {
            problems.add("unknown event type " + body.get("type"));
          }
          if (body.containsKey("runId") && !(body.get("runId") instanceof Long)) {
            problems.add("runId must be an integer");
          }
          if (body.containsKey("deadline")) {
            try {
              Instant.parse(String.valueOf(body.get("deadline")));
            } catch (RuntimeException e) {
              problems.add("deadline must be a date-time");
            }
          }
        }
        case "/agent/v1/retire" -> {
          fields(body, Set.of("reason"), Set.of("instanceId"), problems);
          string(body, "reason", problems);
        }
        case "/agent/v1/lifecycle" -> {
          fields(body, Set.of("hook", "result"), Set.of("instanceId"), problems);
          if (!Set.of("launch", "termination").contains(body.get("hook"))) {
            problems.add("hook must be launch or termination");
          }
          if (!Set.of("CONTINUE", "ABANDON").contains(body.get("result"))) {
            problems.add("result must be CONTINUE or ABANDON");
          }
        }
        default -> problems.add("unknown path");
      }
      return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static void fields(Map<String, Object> body, Set<String> required, Set<String> optional,
        List<String> problems) {
      for (String r : required) {
        if (!body.containsKey(r)) {
          problems.add("missing field: " + r);
        }
      }
      for (String k : body.keySet()) {
        if (!required.contains(k) && !optional.contains(k)) {
          problems.add("unknown field: " + k);
        }
      }
    }

    private static void string(Map<String, Object> body, String key, List<String> problems) {
      if (body.containsKey(key) && !(body.get(key) instanceof String s && !s.isEmpty())) {
        problems.add(key + " must be a non-empty string");
      }
    }
  }
}
