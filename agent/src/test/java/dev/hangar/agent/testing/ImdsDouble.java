package dev.hangar.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test double of the EC2 instance metadata service as an instance with {@code HttpTokens=required}
 * (IMDSv2 only) sees it. It follows the documented behaviour of real IMDS:
 *
 * <ul>
 *   <li>{@code PUT /latest/api/token} with {@code X-aws-ec2-metadata-token-ttl-seconds} between 1
 *       and 21600 answers a token and echoes the TTL header; a missing or out-of-range TTL is 400;
 *       a request carrying {@code X-Forwarded-For} is refused with 403 (IMDS does not hand
 *       tokens through proxies); any other method on that path is 405.
 *   <li>Every other request without a valid token, or with an expired one, is 401 — there is no
 *       IMDSv1 fallback.
 *   <li>Items that do not exist are 404: {@code spot/instance-action} until a spot interruption is
 *       scheduled ({@code {"action":"terminate","time":"…Z"}}), {@code
 *       events/recommendations/rebalance} until a rebalance recommendation
 *       ({@code {"noticeTime":"…Z"}}).
 *   <li>{@code autoscaling/target-lifecycle-state} answers the state the ASG moves the instance
 *       to ({@code Warmed:Pending:Wait}, {@code Warmed:Stopped}, {@code InService}, {@code
 *       Terminated}, …).
 *   <li>{@code dynamic/instance-identity/rsa2048} answers the identity document as base64 DER
 *       PKCS#7 in 64-character lines, signed by a test CA standing in for AWS's regional RSA-2048
 *       certificate ({@link TestIdentity}).
 * </ul>
 *
 * Token expiry uses the double's own clock ({@link #advanceClock}) so tests need no waiting.
 * Outages: {@link #failNext} answers 503, {@link #hang} holds answers until released.
 */
public final class ImdsDouble implements AutoCloseable {
  /** One request as the double saw it. */
  public record Seen(String method, String path, boolean withToken) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "imds-double");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private final AtomicLong clockMillis = new AtomicLong(1_000_000);
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger failedRequests = new AtomicInteger();
  private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private volatile String lifecycleState = "InService";
  private volatile String spotAction;
  private volatile String rebalance;
  private final String instanceId;
  private final String identityDocument;

  public ImdsDouble(String instanceId, TestIdentity identity) throws IOException {
    this(instanceId, identity.rsa2048(instanceId));
  }

  /** Serves {@code identityDocument} (PKCS#7 text signed elsewhere, e.g. by the gateway's tests). */
  public ImdsDouble(String instanceId, String identityDocument) throws IOException {
    this.instanceId = instanceId;
    this.identityDocument = identityDocument;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String instanceId() {
    return instanceId;
  }

  public void lifecycleState(String state) {
    this.lifecycleState = state;
  }

  public String lifecycleState() {
    return lifecycleState;
  }

  /** Publishes a spot interruption notice for {@code time} (RFC 3339). */
  public void spotInterruption(String action, String time) {
    this.spotAction = "{\"action\":\"" + action + "\",\"time\":\"" + time + "\"}";
  }

  public void rebalanceRecommendation(String noticeTime) {
    this.rebalance = "{\"noticeTime\":\"" + noticeTime + "\"}";
  }

  public void advanceClock(Duration d) {
    clockMillis.addAndGet(d.toMillis());
  }

  /** Forgets every token, as IMDS does when the instance restarts. */
  public void forgetTokens() {
    tokens.clear();
  }

  /** The next {@code n} requests answer 503. */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** Holds every answer until {@link #release()} (IMDS slow or stalled). */
  public void hang() {
    hang.set(new CountDownLatch(1));
  }

  public void release() {
    CountDownLatch latch = hang.getAndSet(null);
    if (latch != null) {
      latch.countDown();
    }
  }

  public int failedRequests() {
    return failedRequests.get();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  public long count(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String token = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
      seen.add(new Seen(ex.getRequestMethod(), path, token != null));
      CountDownLatch latch = hang.get();
      if (latch != null) {
        failedRequests.incrementAndGet();
        try {
          latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failedRequests.incrementAndGet();
        send(ex, 503, "Service Unavailable");
        return;
      }
      if (path.equals("/latest/api/token")) {
        token(ex);
        return;
      }
      Long expires = token == null ? null : tokens.get(token);
      if (expires == null || expires <= clockMillis.get()) {
        send(ex, 401, "Unauthorized");
        return;
      }
      String body = switch (path) {
        case "/latest/meta-data/instance-id" -> instanceId;
        case "/latest/meta-data/autoscaling/target-lifecycle-state" -> lifecycleState;
        case "/latest/meta-data/spot/instance-action" -> spotAction;
        case "/latest/meta-data/events/recommendations/rebalance" -> rebalance;
        case "/latest/dynamic/instance-identity/rsa2048" -> identityDocument;
        case "/latest/meta-data/instance-type" -> "m7i.large";
        default -> null;
      };
      if (body == null) {
        send(ex, 404, "Not Found");
      } else {
        send(ex, 200, body);
      }
    }
  }

  private void token(HttpExchange ex) throws IOException {
    if (!"PUT".equals(ex.getRequestMethod())) {
      send(ex, 405, "Method Not Allowed");
      return;
    }
    if (ex.getRequestHeaders().containsKey("X-Forwarded-For")) {
      send(ex, 403, "Forbidden");
      return;
    }
    String ttlText = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
    int ttl;
    try {
      ttl = Integer.parseInt(ttlText == null ? "" : ttlText.trim());
    } catch (NumberFormatException e) {
      send(ex, 400, "Bad Request");
      return;
    }
    if (ttl < 1 || ttl > 21600) {
      send(ex, 400, "Bad Request");
      return;
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String value = Base64.getEncoder().encodeToString(raw);
    tokens.put(value, clockMillis.get() + ttl * 1000L);
    tokensIssued.incrementAndGet();
    ex.getResponseHeaders().set("X-aws-ec2-metadata-token-ttl-seconds", Integer.toString(ttl));
    send(ex, 200, value);
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
