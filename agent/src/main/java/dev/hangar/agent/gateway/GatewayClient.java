package dev.hangar.agent.gateway;

import dev.hangar.agent.http.Http;
import dev.hangar.agent.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Client of the gateway's agent API ({@code /agent/v1/*}, see docs/agent-api.yaml). Calls that
 * need a session re-open one with the identity document once when the gateway answers {@code
 * session_invalid}. Refusals surface as {@link GatewayException} carrying the answer's code.
 */
public final class GatewayClient {
  /** Supplies the PKCS#7 identity document (read from IMDS when needed). */
  @FunctionalInterface
  public interface IdentitySource {
    String identityDocument() throws Exception;
  }

  private final URI base;
  private final Duration timeout;
  private final IdentitySource identity;
  private volatile Session session;

  public GatewayClient(URI base, Duration timeout, IdentitySource identity) {
    this.base = base;
    this.timeout = timeout;
    this.identity = identity;
  }

  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  /** {@code POST /agent/v1/session}: a session for any lifecycle state (warm-up, termination). */
  public Session openSession() throws GatewayException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("identityDocument", identityDocument());
    Map<String, Object> answer = call("/agent/v1/session", body, null);
    session = sessionFrom(answer);
    return session;
  }

  /** {@code POST /agent/v1/register} for the launch's first job; 409 on a second attempt. */
  public Registration register(String runnerVersion) throws GatewayException, InterruptedException {
    return register(runnerVersion, 1);
  }

  /**
   * {@code POST /agent/v1/register} for job number {@code sequence} of this launch (runner reuse):
   * each number once, in order; 409 otherwise.
   */
  public Registration register(String runnerVersion, int sequence) throws GatewayException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("identityDocument", identityDocument());
    body.put("runnerVersion", runnerVersion);
    if (sequence > 1) {
      // Left out for the first job, so a gateway that predates runner reuse accepts the body.
      body.put("sequence", sequence);
    }
    Map<String, Object> a = call("/agent/v1/register", body, null);
    Session s = sessionFrom(a);
    Optional<RunnerDownload> download = Optional.empty();
    if (a.get("runnerDownload") instanceof Map<?, ?> d && d.get("url") instanceof String url) {
      download = Optional.of(new RunnerDownload(URI.create(url), d.get("sha256") instanceof String sha ? sha : ""));
    }
    String jit = a.get("jitConfig") instanceof String j ? j : null;
    if (jit == null || jit.isEmpty()) {
      throw new GatewayException(502, "register answer has no jitConfig");
    }
    session = s;
    // A gateway that predates runner reuse sends neither: one job, then retire.
    int answeredSequence = a.get("sequence") instanceof Number n ? n.intValue() : sequence;
    int jobsLeft = a.get("jobsLeft") instanceof Number n ? Math.max(0, n.intValue()) : 0;
    return new Registration(s, str(a, "runnerName"), jit, str(a, "requiredRunnerVersion"), download,
        answeredSequence, jobsLeft);
  }

  public void heartbeat(Map<String, Object> figures) throws GatewayException, InterruptedException {
    authed("/agent/v1/heartbeat", figures);
  }

  public void event(Map<String, Object> event) throws GatewayException, InterruptedException {
    authed("/agent/v1/events", event);
  }

  /** {@code POST /agent/v1/retire}; refused with {@code runner_busy} while GitHub calls the runner busy. */
  public void retire(String reason) throws GatewayException, InterruptedException {
    authed("/agent/v1/retire", Map.of("reason", reason));
  }

  public void lifecycle(String hook, String result) throws GatewayException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hook", hook);
    body.put("result", result);
    authed("/agent/v1/lifecycle", body);
  }

  private Map<String, Object> authed(String path, Map<String, Object> body)
      throws GatewayException, InterruptedException {
    if (session == null) {
      openSession();
    }
    try {
      return call(path, body, session.sessionToken());
    } catch (GatewayException e) {
      // A gateway that predates refusal codes still says 401 only for a bad session here.
      boolean badSession = Refusals.SESSION_INVALID.equals(e.code()) || (e.code().isEmpty() && e.status() == 401);
      if (!badSession) {
        throw e;
      }
      openSession();
      return call(path, body, session.sessionToken());
    }
  }

  private String identityDocument() throws GatewayException, InterruptedException {
    try {
      return identity.identityDocument();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new GatewayException(0, "cannot read the identity document: " + e.getMessage());
    }
  }

  private Map<String, Object> call(String path, Map<String, Object> body, String token)
      throws GatewayException, InterruptedException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Http.Response response;
    try {
      response = Http.send(URI.create(base + path), "POST", headers, Json.write(body), timeout, false);
    } catch (Http.TimeoutException e) {
      throw new GatewayException(0, path + " timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new GatewayException(0, path + ": " + e.getClass().getSimpleName());
    }
    int status = response.status();
    Map<String, Object> answer;
    try {
      answer = response.body().isBlank() ? Map.of() : Json.parseObject(response.body());
    } catch (IllegalArgumentException e) {
      answer = Map.of();
    }
    if (status / 100 != 2) {
      Object reason = answer.getOrDefault("error", answer.getOrDefault("reason", "no reason given"));
      String code = answer.get("code") instanceof String c ? c : "";
      throw new GatewayException(status, code, path + ": " + reason, retryAfter(response));
    }
    return answer;
  }

  /** {@code Retry-After} in seconds (the gateway never sends the HTTP-date form). */
  private static Optional<Duration> retryAfter(Http.Response response) {
    return response.header("retry-after").flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static Session sessionFrom(Map<String, Object> a) throws GatewayException {
    String token = str(a, "sessionToken");
    if (token.isEmpty()) {
      throw new GatewayException(502, "answer has no sessionToken");
    }
    return new Session(token, str(a, "instanceId"), str(a, "expiresAt"));
  }

  private static String str(Map<String, Object> a, String key) {
    Object v = a.get(key);
    return v == null ? "" : v.toString();
  }
}
