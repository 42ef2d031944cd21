package dev.hangar.gateway.bench;

import dev.hangar.gateway.aws.AwsClientFactory;
import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.QueuedJobEvent;
import dev.hangar.gateway.queue.SqsJobQueue;
import dev.hangar.gateway.testing.Webhooks;
import dev.hangar.gateway.webhook.WebhookSignature;
import dev.hangar.gateway.webhook.WorkflowJobParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Load benchmark of webhook ingest with the queue in its own process, as in production: signed
 * {@code workflow_job} deliveries with unique delivery and job ids, open loop at a fixed rate
 * ({@link OpenLoop}), against the real gateway in a child process ({@link BenchGateway}). The
 * phases, each on a fresh FIFO queue and a fresh gateway:
 *
 * <ul>
 *   <li>{@code gateway}: the webhook route with a queue that accepts at once (the gateway's own cost);
 *   <li>{@code queue}: this process sends the same events straight to the queue through the
 *       gateway's {@link SqsJobQueue} (batched SendMessageBatch): what the queue takes alone;
 *   <li>{@code full}: webhooks through the gateway into the queue, sends batched
 *       ({@code queue.batchLingerMillis}, {@code --linger});
 *   <li>{@code unbatched}: the same with one SendMessage per webhook (linger 0), at
 *       {@code --unbatched-rate}.
 * </ul>
 *
 * Prints per phase sustained webhooks/s, p50/p99/max latency, CPU per webhook of the gateway's
 * process, the queue's and this one (from {@code /proc/<pid>/stat}), SDK calls per webhook, and
 * checks that every 202 was stored by counting the queue. Run through {@code make bench-webhook}
 * ({@code gateway/bench/bench-webhook.sh}), which starts the queue and pins the processes.
 *
 * <p>Options: {@code --rate N} per second, {@code --seconds N} measured, {@code --warmup N}
 * seconds not measured, {@code --connections N}, {@code --linger MS} (default 5, as configured),
 * {@code --phases gateway,queue,full,unbatched}, {@code --unbatched-rate N}, {@code --sqs 0}
 * (only the {@code gateway} phase, no queue needed), {@code --queue-endpoint URL} and
 * {@code --queue-pid N} (the queue server), {@code --gateway-cpus LIST} ({@code taskset -c}).
 */
public final class WebhookLoadBenchmark {
  private static final String JOB_ID = "\"id\": 30433642761";

  private final Map<String, String> o;
  private final int rate;
  private final int seconds;
  private final int warmup;
  private final long queuePid;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private Buffer[] bodies;
  private String[] signatures;

  private WebhookLoadBenchmark(Map<String, String> o) {
    this.o = o;
    this.rate = Integer.parseInt(o.get("rate"));
    this.seconds = Integer.parseInt(o.get("seconds"));
    this.warmup = Integer.parseInt(o.get("warmup"));
    this.queuePid = Long.parseLong(o.get("queue-pid"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    if ("0".equals(o.get("sqs"))) {
      o.put("phases", "gateway");
    }
    WebhookLoadBenchmark bench = new WebhookLoadBenchmark(o);
    int code = bench.runAll();
    System.exit(code);
  }

  private int runAll() throws Exception {
    List<String> phases = List.of(o.get("phases").split(","));
    if (!phases.equals(List.of("gateway")) && o.get("queue-endpoint").isEmpty()) {
      throw new IllegalArgumentException("--queue-endpoint is needed for the phases " + phases + " (or --sqs 0)");
    }
    prepareBodies(Math.max(rate, phases.contains("unbatched") ? Integer.parseInt(o.get("unbatched-rate")) : 0));
    String cpus = o.get("gateway-cpus");
    System.out.printf("webhook benchmark: %d s measured after %d s warm-up per phase, %d connections; gateway %s; "
            + "queue %s; load generator (pid %d) %s%n",
        seconds, warmup, Integer.parseInt(o.get("connections")),
        cpus.isEmpty() ? "unpinned" : "pinned to CPU " + cpus,
        phases.equals(List.of("gateway")) ? "not used" : o.get("queue-endpoint") + (queuePid > 0 ? " (pid " + queuePid + ")" : ""),
        ProcessHandle.current().pid(), o.get("generator-cpus").isEmpty() ? "unpinned" : "on CPU " + o.get("generator-cpus"));
    System.out.println("  phase                    offered  sustained  p50 / p99 / max ms        CPU ms per webhook: gateway  queue  generator   sends/webhook  stored");
    int problems = 0;
    Map<String, double[]> figures = new HashMap<>();
    for (String phase : phases) {
      switch (phase) {
        case "gateway" -> problems += gatewayPhase(figures);
        case "queue" -> problems += queuePhase(figures);
        case "full" -> problems += fullPhase("full, linger " + o.get("linger") + " ms", rate, o.get("linger"), figures);
        case "unbatched" -> problems += fullPhase("full, linger 0 (unbatched)", Integer.parseInt(o.get("unbatched-rate")), "0", figures);
        default -> throw new IllegalArgumentException("unknown phase " + phase);
      }
    }
    summary(figures);
    System.out.printf("  machine load average at the end: %.1f%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    vertx.close().await(10, TimeUnit.SECONDS);
    return problems == 0 ? 0 : 1;
  }

  /** Bodies with unique job ids and their signatures, made before any clock runs. */
  private void prepareBodies(int maxRate) {
    int total = maxRate * (warmup + seconds);
    String template = new String(Webhooks.payload(Webhooks.QUEUED), StandardCharsets.UTF_8);
    bodies = new Buffer[total];
    signatures = new String[total];
    for (int i = 0; i < total; i++) {
      byte[] body = template.replace(JOB_ID, "\"id\": " + (40_000_000_000L + i)).getBytes(StandardCharsets.UTF_8);
      bodies[i] = Buffer.buffer(body);
      signatures[i] = WebhookSignature.sign(Webhooks.SECRET, body);
    }
  }

  private int gatewayPhase(Map<String, double[]> figures) throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(o.get("gateway-cpus"), List.of("--queue", "none"))) {
      Measured m = webhooks(gateway, rate);
      figures.put("gateway", new double[] {m.result.sustained(), m.cpuMs(0), m.result.ms(0.99)});
      row("gateway (queue accepts)", rate, m, -1, "-");
      return m.result.finished() ? 0 : 1;
    }
  }

  private int queuePhase(Map<String, double[]> figures) throws Exception {
    try (SqsAsyncClient admin = client()) {
      String url = createQueue(admin, "queue");
      SqsJobQueue queue = new SqsJobQueue(vertx, admin, url, Tracing.none(), Duration.ofMillis(Long.parseLong(o.get("linger"))));
      JobEvent template = WorkflowJobParser.parse(Webhooks.payload(Webhooks.QUEUED));
      long stamp = System.nanoTime();
      long self = ProcessHandle.current().pid();
      long[] cpu = new long[4];
      long[] calls = new long[2];
      int[] windows = {0};
      // As many sends in flight as the webhook phases have connections; the rest wait here, as
      // webhooks wait for a connection, so an overloaded queue shows as latency, not SDK timeouts.
      int limit = Integer.parseInt(o.get("connections"));
      java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
      int[] inFlight = {0};
      OpenLoop.Result r = OpenLoop.run(vertx, rate, warmup, seconds, i -> {
        JobEvent e = new JobEvent(40_000_000_000L + i, template.runId(), template.runAttempt(), template.status(),
            template.labels(), template.repository(), template.owner(), template.workflowName(), template.jobName(),
            template.runnerName(), template.conclusion(), template.createdAt(), template.startedAt(), template.completedAt());
        io.vertx.core.Promise<Boolean> sent = io.vertx.core.Promise.promise();
        Runnable send = () -> queue.send(new QueuedJobEvent("linux", "bench-" + i + "-" + stamp, e, Map.of()))
            .onComplete(ar -> {
              inFlight[0]--;
              Runnable next = waiting.poll();
              if (next != null) {
                inFlight[0]++;
                next.run();
              }
              sent.complete(ar.succeeded());
            });
        if (inFlight[0] < limit) {
          inFlight[0]++;
          send.run();
        } else {
          waiting.add(send);
        }
        return sent.future();
      }, () -> {
        int w = windows[0]++;
        if (w > 1) {
          return; // the last answer of a run that already timed out
        }
        cpu[w * 2] = ProcCpu.nanos(queuePid);
        cpu[w * 2 + 1] = ProcCpu.nanos(self);
        calls[w] = CallCounter.sends(CallCounter.snapshot());
      });
      Measured m = new Measured(r, new long[] {-1, cpu[2] - cpu[0], cpu[3] - cpu[1]}, calls[1] - calls[0]);
      long stored = count(admin, url);
      int accepted = r.offered() - r.failed();
      figures.put("queue", new double[] {r.sustained(), m.cpuMs(1), r.ms(0.99), m.cpuMs(2) / Math.max(1e-9, m.sendsPerWebhook())});
      row("queue alone (SendMessageBatch)", rate, m, stored, stored + " of " + accepted);
      admin.deleteQueue(b -> b.queueUrl(url)).join();
      return stored == accepted && r.finished() ? 0 : 1;
    }
  }

  private int fullPhase(String name, int phaseRate, String linger, Map<String, double[]> figures) throws Exception {
    try (SqsAsyncClient admin = client()) {
      String url = createQueue(admin, "full" + linger);
      try (GatewayProcess gateway = GatewayProcess.start(o.get("gateway-cpus"),
          List.of("--queue", url, "--endpoint", o.get("queue-endpoint"), "--linger", linger))) {
        Measured m = webhooks(gateway, phaseRate);
        long stored = count(admin, url);
        int accepted = m.result.offered() - m.result.failed();
        figures.put(linger.equals("0") ? "unbatched" : "full",
            new double[] {m.result.sustained(), m.cpuMs(0), m.result.ms(0.99), m.sendsPerWebhook(), m.cpuMs(1)});
        row(name, phaseRate, m, stored, stored + " of " + accepted);
        admin.deleteQueue(b -> b.queueUrl(url)).join();
        return stored == accepted && m.result.failed() == 0 && m.result.finished() ? 0 : 1;
      }
    }
  }

  /** CPU in nanoseconds over the measured window of gateway, queue and this process, and sends. */
  private record Measured(OpenLoop.Result result, long[] cpu, long sends) {
    double cpuMs(int who) {
      return cpu[who] < 0 ? Double.NaN : cpu[who] / 1e6 / Math.max(1, result.measured());
    }

    double sendsPerWebhook() {
      return sends < 0 ? Double.NaN : (double) sends / Math.max(1, result.measured());
    }
  }

  private Measured webhooks(GatewayProcess gateway, int phaseRate) throws Exception {
    HttpClient http = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1").setDefaultPort(gateway.port()),
        new PoolOptions().setHttp1MaxSize(Integer.parseInt(o.get("connections"))));
    long stamp = System.nanoTime();
    long self = ProcessHandle.current().pid();
    long[] cpu = new long[6];
    int[] windows = {0};
    OpenLoop.Result r = OpenLoop.run(vertx, phaseRate, warmup, seconds, i -> http.request(new RequestOptions()
            .setMethod(HttpMethod.POST).setURI("/webhook")
            .putHeader("Content-Type", "application/json")
            .putHeader("X-GitHub-Event", "workflow_job")
            .putHeader("X-GitHub-Delivery", "bench-" + i + "-" + stamp)
            .putHeader("X-Hub-Signature-256", signatures[i]))
        .compose(req -> req.send(bodies[i]))
        .compose(resp -> resp.body().map(b -> resp.statusCode() == 202)), () -> {
          int w = windows[0]++;
          if (w > 1) {
            return; // the last answer of a run that already timed out
          }
          cpu[w * 3] = ProcCpu.nanos(gateway.pid());
          cpu[w * 3 + 1] = queuePid > 0 ? ProcCpu.nanos(queuePid) : -1;
          cpu[w * 3 + 2] = ProcCpu.nanos(self);
        });
    // SDK calls are asked for after the run: the window's share is the run's, warm-up included,
    // scaled to the measured requests.
    long sends = CallCounter.sends(gateway.calls());
    http.close().await(10, TimeUnit.SECONDS);
    long[] delta = {cpu[3] - cpu[0], queuePid > 0 ? cpu[4] - cpu[1] : -1, cpu[5] - cpu[2]};
    return new Measured(r, delta, Math.round((double) sends * r.measured() / r.offered()));
  }

  private void row(String phase, int phaseRate, Measured m, long stored, String storedText) {
    OpenLoop.Result r = m.result();
    String line = String.format("  %-30s %6d/s %7.0f/s  %6.2f / %7.2f / %8.2f   %31s %6s %9s   %13s  %s%s",
        phase, phaseRate, r.sustained(), r.ms(0.50), r.ms(0.99), r.sortedLatencies().length == 0 ? 0
            : r.sortedLatencies()[r.sortedLatencies().length - 1] / 1e6,
        fmt(m.cpuMs(0)), fmt(m.cpuMs(1)), fmt(m.cpuMs(2)), fmt(m.sendsPerWebhook()), storedText,
        r.finished() ? "" : "  (did not finish in time)");
    if (r.failed() > 0) {
      line += "  non-202/failed: " + r.failed();
    }
    System.out.println(line);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.3f", v);
  }

  private void summary(Map<String, double[]> f) {
    if (f.containsKey("gateway")) {
      System.out.printf("  the gateway alone needs a core per %.0f webhooks/s (route, signature, parse, log; no SQS)%n",
          1000 / f.get("gateway")[1]);
    }
    if (f.containsKey("full") && f.containsKey("queue")) {
      System.out.printf("  full path / queue alone: %.0f %% of the queue-alone rate; full path p99 %.2f ms; gateway CPU per webhook %.3f ms "
              + "(a core per %.0f webhooks/s), queue %.3f ms%n",
          100 * f.get("full")[0] / f.get("queue")[0], f.get("full")[2], f.get("full")[1], 1000 / f.get("full")[1], f.get("full")[4]);
    }
    if (f.containsKey("queue")) {
      System.out.printf("  SDK cost per send call in this process (queue alone): %.3f ms CPU%n", f.get("queue")[3]);
    }
    if (f.containsKey("full") && f.containsKey("unbatched")) {
      double[] b = f.get("full");
      double[] u = f.get("unbatched");
      System.out.printf("  batching: %.2f sends per webhook with linger vs %.2f without; gateway CPU per webhook %.3f vs %.3f ms, "
              + "i.e. %.3f ms per SDK call in the gateway%n",
          b[3], u[3], b[1], u[1], (u[1] - b[1]) / Math.max(1e-9, u[3] - b[3]));
    }
  }

  private SqsAsyncClient client() {
    return new AwsClients("us-east-1", o.get("queue-endpoint"), AwsClientFactory.dummyCredentials()).sqs();
  }

  private static String createQueue(SqsAsyncClient sqs, String phase) {
    return sqs.createQueue(b -> b.queueName("bench-" + phase + "-" + System.currentTimeMillis() + ".fifo")
        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).join().queueUrl();
  }

  private static long count(SqsAsyncClient sqs, String url) {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .join().attributes();
    return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>(Map.ofEntries(
        Map.entry("rate", "5000"), Map.entry("seconds", "20"), Map.entry("warmup", "10"), Map.entry("connections", "64"),
        Map.entry("linger", "5"), Map.entry("sqs", "1"), Map.entry("phases", "gateway,queue,full,unbatched"),
        Map.entry("unbatched-rate", "1000"), Map.entry("queue-endpoint", ""), Map.entry("queue-pid", "0"),
        Map.entry("gateway-cpus", ""), Map.entry("generator-cpus", "")));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!o.containsKey(key)) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
      }
      o.put(key, args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
    }
    return o;
  }
}
