package dev.hangar.gateway.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Load benchmark of {@code POST /webhook}: the real gateway (production logging, JSON lines
 * encoded and discarded) with embedded ElasticMQ, driven open-loop at a fixed rate by signed
 * {@code workflow_job} deliveries with unique delivery and job ids. Latency is measured from
 * each request's scheduled send time, so a stalled server cannot hide its queueing delay.
 * Prints sustained webhooks/s and p50/p99/max latency, then checks that every 202 was stored.
 *
 * <p>Run: {@code make bench-webhook} or, after {@code mvn -pl gateway test-compile},
 * {@code java -cp gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.cp)
 * dev.hangar.gateway.bench.WebhookLoadBenchmark --rate 2000 --seconds 20 --warmup 5}.
 * Options: {@code --rate N} requests/s, {@code --seconds N} measured, {@code --warmup N}
 * seconds not measured, {@code --connections N} client connections, {@code --linger MS} SQS
 * batch linger (default 5 as in the configuration; 0: one SendMessage per webhook), {@code
 * --sqs 0} the webhook route with a queue that accepts at once (the gateway's own cost).
 */
@SuppressWarnings("unchecked")
public final class WebhookLoadBenchmark {
  private WebhookLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> o = options(args);
    int rate = o.get("rate");
    int seconds = o.get("seconds");
    int warmup = o.get("warmup");
    int connections = o.get("connections");
    int linger = o.get("linger");
    boolean withSqs = o.get("sqs") != 0;
    productionLoggingToNowhere();

    EmbeddedSqs sqs = withSqs ? EmbeddedSqs.start("bench.fifo") : null;
    Vertx vertx = Vertx.vertx();
    TestGateway app = null;
    int port;
    if (withSqs) {
      HangarConfig config = ConfigLoader.parse("""
          server: {host: 127.0.0.1, port: 0}
          github: {webhookSecrets: ["%s"]}
          queue: {url: "%s", endpoint: "%s", batchLingerMillis: %d}
          """.formatted(Webhooks.SECRET, sqs.queueUrl(), sqs.endpoint(), linger) + TestConfigs.POOLS + TestConfigs.WEBHOOK_ONLY, Map.of(), true);
      app = TestGateway.start(vertx, config).await(60, TimeUnit.SECONDS);
      port = app.port();
    } else {
      port = webhookOnlyServer(vertx);
    }

    int total = rate * (warmup + seconds);
    byte[] template = Webhooks.payload(Webhooks.QUEUED);
    Buffer[] bodies = new Buffer[total];
    String[] signatures = new String[total];
    String jobIdText = "\"id\": 30433642761";
    String templateText = new String(template, java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < total; i++) {
      byte[] body = templateText.replace(jobIdText, "\"id\": " + (40_000_000_000L + i)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      bodies[i] = Buffer.buffer(body);
      signatures[i] = WebhookSignature.sign(Webhooks.SECRET, body);
    }

    // One event loop for the load generator, so its CPU can be told apart from the gateway's.
    Vertx clientVertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    long generatorThread = clientVertx.executeBlocking(() -> 0L).compose(x -> {
      io.vertx.core.Promise<Long> id = io.vertx.core.Promise.promise();
      clientVertx.runOnContext(v -> id.complete(Thread.currentThread().getId()));
      return id.future();
    }).await(10, TimeUnit.SECONDS);
    HttpClient client = clientVertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(connections));
    long[] latencies = new long[total];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger non202 = new AtomicInteger();
    AtomicLong measuredAccepted = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(1);
    long warmupEnds = (long) warmup * rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    AtomicInteger next = new AtomicInteger();
    long[] measureWindow = new long[2];
    long[] cpuWindow = new long[2];
    Map<String, Long>[] threadCpu = new Map[2];

    clientVertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      long due = Math.min(total, (now - start) * rate / 1_000_000_000L);
      while (next.get() < due) {
        int i = next.getAndIncrement();
        long scheduled = start + i * 1_000_000_000L / rate;
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/webhook")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-GitHub-Event", "workflow_job")
                .putHeader("X-GitHub-Delivery", "bench-" + i + "-" + start)
                .putHeader("X-Hub-Signature-256", signatures[i]))
            .compose(req -> req.send(bodies[i]))
            .compose(resp -> resp.body().map(b -> resp.statusCode()))
            .onComplete(ar -> {
              long end = System.nanoTime();
              latencies[i] = end - scheduled;
              if (ar.failed() || ar.result() != 202) {
                non202.incrementAndGet();
              } else if (i >= warmupEnds) {
                measuredAccepted.incrementAndGet();
              }
              if (i == warmupEnds) {
                measureWindow[0] = scheduled;
                cpuWindow[0] = processCpuNanos();
                threadCpu[0] = cpuByComponent(generatorThread);
              }
              if (done.incrementAndGet() == total) {
                measureWindow[1] = end;
                cpuWindow[1] = processCpuNanos();
                threadCpu[1] = cpuByComponent(generatorThread);
                finished.countDown();
              }
            });
      }
      if (next.get() >= total) {
        clientVertx.cancelTimer(id);
      }
    });

    if (!finished.await(warmup + seconds + 60L, TimeUnit.SECONDS)) {
      System.out.println("benchmark did not finish: " + done.get() + " of " + total + " answered");
    }
    long[] measured = Arrays.copyOfRange(latencies, (int) warmupEnds, done.get());
    Arrays.sort(measured);
    double window = (measureWindow[1] - measureWindow[0]) / 1e9;
    System.out.printf("webhook benchmark: offered %d/s for %d s (+%d s warm-up), %d connections, %s, %d cores%n",
        rate, seconds, warmup, connections,
        withSqs ? "embedded ElasticMQ, batch linger " + linger + " ms" : "NO SQS (queue accepts at once: the gateway's own path)",
        Runtime.getRuntime().availableProcessors());
    System.out.printf("  sustained: %.0f webhooks/s accepted (202) over %.1f s; non-202 answers: %d%n",
        measuredAccepted.get() / window, window, non202.get());
    double cpuPerWebhook = (cpuWindow[1] - cpuWindow[0]) / 1e6 / Math.max(1, measured.length);
    System.out.printf("  CPU (gateway + ElasticMQ + load generator, one JVM): %.3f ms per webhook, i.e. at most %.0f webhooks/s per fully available core%n",
        cpuPerWebhook, 1000 / cpuPerWebhook);
    StringBuilder parts = new StringBuilder();
    for (String component : List.of("gateway", "elasticmq", "load generator")) {
      double perWebhook = (threadCpu[1].getOrDefault(component, 0L) - threadCpu[0].getOrDefault(component, 0L)) / 1e6 / Math.max(1, measured.length);
      parts.append(String.format("%s %.3f ms, ", component, perWebhook));
    }
    double gatewayMs = (threadCpu[1].getOrDefault("gateway", 0L) - threadCpu[0].getOrDefault("gateway", 0L)) / 1e6 / Math.max(1, measured.length);
    System.out.printf("  thread CPU per webhook: %sso the gateway alone needs a core per %.0f webhooks/s%n", parts, 1000 / gatewayMs);
    System.out.printf("  machine load average at the end: %.1f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("  latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        ms(measured, 0.50), ms(measured, 0.90), ms(measured, 0.99), measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6);

    if (withSqs) {
      try (var admin = sqs.newClient()) {
        String inQueue = admin.getQueueAttributes(b -> b.queueUrl(sqs.queueUrl())
            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join()
            .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        System.out.printf("  stored in SQS: %s messages for %d accepted webhooks%n", inQueue, total - non202.get());
      }
    }
    client.close().await(10, TimeUnit.SECONDS);
    clientVertx.close().await(10, TimeUnit.SECONDS);
    if (app != null) {
      app.stop().await(30, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    if (sqs != null) {
      sqs.close();
    }
    System.exit(0);
  }

  /**
   * The webhook route alone (signature, parse, match, metrics, log line, answer) with a queue
   * that accepts every event at once: what the gateway costs without SQS.
   */
  private static int webhookOnlyServer(Vertx vertx) {
    dev.hangar.gateway.port.JobQueue accepting = new dev.hangar.gateway.port.JobQueue() {
      @Override
      public io.vertx.core.Future<Void> send(dev.hangar.gateway.port.QueuedJobEvent event) {
        return io.vertx.core.Future.succeededFuture();
      }

      @Override
      public io.vertx.core.Future<List<dev.hangar.gateway.port.QueueMessage>> receive(int max, java.time.Duration wait) {
        return io.vertx.core.Future.succeededFuture(List.of());
      }

      @Override
      public io.vertx.core.Future<Void> delete(String receiptHandle) {
        return io.vertx.core.Future.succeededFuture();
      }

      @Override
      public io.vertx.core.Future<Void> ping() {
        return io.vertx.core.Future.succeededFuture();
      }
    };
    HangarConfig pools = ConfigLoader.parse(TestConfigs.POOLS + "queue: {embedded: true}\n", Map.of(), false);
    io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
    new dev.hangar.gateway.webhook.WebhookHandler(new WebhookSignature(List.of(Webhooks.SECRET)), pools.pools(), accepting,
        java.time.Duration.ofSeconds(2),
        new dev.hangar.gateway.observability.MicrometerRecorders(new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT)).webhook(),
        dev.hangar.gateway.observability.Tracing.none()).mount(router, 1024 * 1024);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  /** CPU time of live Java threads by component: ElasticMQ's, the generator's, the rest (gateway). */
  private static Map<String, Long> cpuByComponent(long generatorThread) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new java.util.HashMap<>();
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(t.getThreadId());
      String component = t.getThreadId() == generatorThread ? "load generator"
          : t.getThreadName().startsWith("elasticmq") ? "elasticmq" : "gateway";
      out.merge(component, Math.max(0, cpu), Long::sum);
    }
    return out;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> o = new java.util.HashMap<>(Map.of(
        "rate", 2000, "seconds", 20, "warmup", 10, "connections", 64, "linger", 5, "sqs", 1));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!o.containsKey(key)) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
      }
      o.put(key, Integer.parseInt(args[i + 1]));
    }
    return o;
  }

  /** Production logging (async JSON lines) with the console replaced by a sink. */
  private static void productionLoggingToNowhere() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(WebhookLoadBenchmark.class.getResource("/logback.xml"));
    var async = (AsyncAppenderBase<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
    ((OutputStreamAppender<?>) async.getAppender("JSON")).setOutputStream(OutputStream.nullOutputStream());
  }
}
