package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.slf4j.LoggerFactory;

/**
 * Throughput of the agent API's hot paths on one gateway process: {@code POST /session}
 * (identity document verification with BouncyCastle CMS, the managed-instance check, a JWT) and
 * {@code POST /heartbeat} (JWT check, in-memory record). Closed loop with N concurrent
 * connections for a fixed time per path; prints requests/s and p50/p99/max latency.
 *
 * <p>Run: {@code make bench-agentapi} (options: {@code BENCH_ARGS="--seconds 10 --connections
 * 16 --instances 500"}).
 */
public final class AgentApiBenchmark {
  private AgentApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = option(args, "--seconds", 10);
    int connections = option(args, "--connections", 16);
    int instances = option(args, "--instances", 500);
    int warmup = option(args, "--warmup", 3);
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    Vertx vertx = Vertx.vertx();
    InMemoryFleet fleet = new InMemoryFleet();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      String id = String.format("i-%017x", 0x5000 + i);
      ids.add(id);
      fleet.add(AgentApiHarness.WARM_ASG, id, "InService");
    }
    Path tmp = Files.createTempDirectory("agentapi-bench");
    try (var h = new AgentApiHarness(vertx, tmp, unthrottled(), fleet, new RecordingLedger(), new FakeGitHub())) {
      h.checkAnswers = false;
      h.logs.stop();
      List<String> documents = ids.stream().map(h::document).toList();
      List<String> tokens = new ArrayList<>();
      for (String id : ids) {
        tokens.add(h.session(id).body().getString("sessionToken"));
      }
      HttpClient client = vertx.createHttpClient(
          new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(h.port()).setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(connections));
      System.out.printf("agent API benchmark: %d instances, %d connections, %d s per path after %d s warm-up%n",
          instances, connections, seconds, warmup);
      IntFunction<JsonObject> session = i -> new JsonObject().put("identityDocument", documents.get(i % documents.size()));
      IntFunction<JsonObject> heartbeat =
          i -> new JsonObject().put("state", "busy").put("diskFreeBytes", 1L << 34).put("load1", 0.7);
      IntFunction<String> token = i -> tokens.get(i % tokens.size());
      run(client, null, "/session", warmup, connections, session, null);
      run(client, "session", "/session", seconds, connections, session, null);
      run(client, null, "/heartbeat", warmup, connections, heartbeat, token);
      run(client, "heartbeat", "/heartbeat", seconds, connections, heartbeat, token);
      client.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void run(HttpClient client, String name, String path, int seconds, int connections,
      IntFunction<JsonObject> body, IntFunction<String> token) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicInteger counter = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<long[]> perLoop = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(connections);
    long started = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      long[] latencies = new long[1_000_000];
      perLoop.add(latencies);
      int[] n = {0};
      loop(client, path, body, token, end, counter, failures, latencies, n, done);
    }
    done.await(seconds + 60L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (name == null) {
      return;
    }
    long[] all = perLoop.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
    System.out.printf("  %-9s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d requests, %d not 200)%n",
        name, all.length / elapsed, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
        all.length, failures.get());
  }

  private static void loop(HttpClient client, String path, IntFunction<JsonObject> body, IntFunction<String> token,
      long end, AtomicInteger counter, AtomicInteger failures, long[] latencies, int[] n, CountDownLatch done) {
    if (System.nanoTime() - end >= 0 || n[0] >= latencies.length) {
      done.countDown();
      return;
    }
    int i = counter.getAndIncrement();
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI(AgentApi.MOUNT + path)
        .putHeader("Content-Type", "application/json");
    if (token != null) {
      o.putHeader("Authorization", "Bearer " + token.apply(i));
    }
    Buffer payload = body.apply(i).toBuffer();
    long t0 = System.nanoTime();
    client.request(o)
        .compose(req -> req.send(payload))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          latencies[n[0]++] = Math.max(1, System.nanoTime() - t0);
          if (ar.failed() || ar.result() != 200) {
            failures.incrementAndGet();
          }
          loop(client, path, body, token, end, counter, failures, latencies, n, done);
        });
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  private static int option(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  /** The calls' own cost is measured here, not the rate limits (which would answer 429). */
  private static dev.hangar.gateway.config.AgentApiConfig unthrottled() {
    var unlimited = new dev.hangar.gateway.config.AgentApiConfig.RateLimit(1_000_000, 60_000_000);
    return new dev.hangar.gateway.config.AgentApiConfig(null, AgentApiHarness.ACCOUNT, java.time.Duration.ofHours(1),
        null, null, null, null, null, null,
        new dev.hangar.gateway.config.AgentApiConfig.RateLimits(unlimited, unlimited));
  }
}
