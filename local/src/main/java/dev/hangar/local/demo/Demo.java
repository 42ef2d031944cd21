package dev.hangar.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hangar.gateway.Adapters;
import dev.hangar.gateway.GatewayApp;
import dev.hangar.gateway.aws.AwsClientFactory;
import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.local.queue.EmbeddedQueue;
import dev.hangar.local.sim.ReportWriter;
import dev.hangar.local.sim.SimParams;
import dev.hangar.local.sim.SimResult;
import dev.hangar.local.sim.Simulation;
import dev.hangar.local.sim.Strategy;
import dev.hangar.local.sim.Summary;
import dev.hangar.local.sim.TraceJob;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local demo: the real gateway (webhook, embedded SQS, in-memory ledger, reconciler, the
 * full scaling pass) on a simulated fleet and GitHub in accelerated time, fed by signed
 * webhooks, with a live page and a console table; ends with the {@code simulate} summary.
 */
public final class Demo {
  private static final long TICK_MS = 100;
  /**
   * Virtual time before the first job, as the simulator gives it: enough for the first passes
   * to put the idle buffer up and for the warm pool's instances to boot, initialize and stop,
   * so that the demo shows Hangar in its steady state rather than a cold account.
   */
  private static final long LEAD_IN_SECONDS = 600;
  /** The lead-in runs this many times faster than the demo, so it takes a few wall seconds. */
  private static final long LEAD_IN_SPEEDUP = 10;
  /** Virtual time between two points of the recorded history. */
  private static final long HISTORY_STEP_MS = 15_000;

  /** What the demo runs. */
  public record Options(
      List<Pool> pools,
      JsonNode poolsYaml,
      List<TraceJob> trace,
      long durationMinutes,
      double speed,
      int port,
      Path out,
      boolean quiet,
      boolean verbose) {}

  private final Options o;
  private final PrintStream out;
  private final String secret;

  Demo(Options options, PrintStream out) {
    this.o = options;
    this.out = out;
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    this.secret = HexFormat.of().formatHex(b);
  }

  /** Runs the demo to its end; returns the result. */
  SimResult run() throws Exception {
    if (!o.verbose()) {
      // The console shows the live table; the gateway's JSON logs would drown it.
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Vertx vertx = Vertx.vertx();
    try {
      Context ctx = vertx.getOrCreateContext();
      Simulation sim = new Simulation(o.pools(), SimParams.defaults(), o.trace(), Strategy.HANGAR, LEAD_IN_SECONDS);
      // The same jobs under the Lambda-based module's strategy, for the page's cost comparison.
      Simulation baseline = new Simulation(o.pools(), SimParams.defaults(), o.trace(), Strategy.COLD_PER_JOB, LEAD_IN_SECONDS);
      DemoHistory history = new DemoHistory(o.pools());
      AtomicReference<WebhookPoster> poster = new AtomicReference<>();
      OnContext on = new OnContext(ctx);
      Clock virtual = new VirtualJavaClock(sim);
      long endMs = o.trace().get(0).queuedAt().toEpochMilli() + o.durationMinutes() * 60_000L;
      Promise<SimResult> done = Promise.promise();
      HangarConfig config = config();
      // The real gateway on the simulated fleet and GitHub, in the simulation's virtual time.
      Adapters.Builder local = Adapters.builder(vertx, config)
          .credentials(AwsClientFactory.dummyCredentials())
          .fleet(new ContextFleet(sim.fleet(), on))
          .runners(new ContextGitHub(sim.github(), on))
          .scalingClock(virtual)
          .spotInterruptions(sim.interruptions())
          .routes(router -> mountPage(router, sim, baseline, history, on, endMs));
      EmbeddedQueue.supplyIfConfigured(local);
      Adapters adapters = local.build();
      GatewayApp app =
          on.call(
                  () -> {
                    sim.external((pool, e) -> poster.get().post(e).otherwiseEmpty());
                    sim.start();
                    baseline.start();
                    return GatewayApp.start(vertx, config, adapters);
                  })
              .await(60, TimeUnit.SECONDS);
      try {
        poster.set(new WebhookPoster(WebClient.create(vertx), app.port(), secret));
        out.printf(
            "Hangar demo: live page http://127.0.0.1:%d/  (%d jobs over %d virtual minutes at %.0fx)%n",
            app.port(), o.trace().size(), o.durationMinutes(), o.speed());
        ctx.runOnContext(v -> drive(vertx, sim, baseline, history, endMs, done));
        SimResult r = done.future().await(o.durationMinutes() * 60_000L * 4 / Math.max(1, (long) o.speed()) + 120_000, TimeUnit.MILLISECONDS);
        out.println();
        out.print(Summary.table(List.of(r)));
        out.printf("webhooks accepted %d, refused %d%n", poster.get().accepted.get(), poster.get().refused.get());
        if (o.out() != null) {
          ReportWriter.write(o.out(), "Hangar demo", List.of(r), List.of());
          out.println("report: " + o.out().resolve("report.html"));
        }
        return r;
      } finally {
        app.stop().await(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void drive(Vertx vertx, Simulation sim, Simulation baseline, DemoHistory history, long endMs,
      Promise<SimResult> done) {
    long drainMs = endMs + 60 * 60_000L;
    long[] lastPrint = {0};
    long[] nextSample = {sim.clock().nowMs()};
    long firstJob = o.trace().get(0).queuedAt().toEpochMilli();
    long step = Math.round(TICK_MS * o.speed());
    if (!o.quiet()) {
      out.println("virtual  queued  done/fed    p95 s   cost $   tiers (running/warm)");
    }
    vertx.setPeriodic(
        TICK_MS,
        id -> {
          long before = sim.clock().nowMs();
          long until = before < firstJob ? Math.min(firstJob, before + step * LEAD_IN_SPEEDUP) : before + step;
          // Both runs move in small steps so that each history point sees the state at its time.
          while (nextSample[0] <= until) {
            sim.advance(nextSample[0]);
            baseline.advance(nextSample[0]);
            history.sample(sim, baseline);
            nextSample[0] += HISTORY_STEP_MS;
          }
          sim.advance(until);
          baseline.advance(until);
          long now = sim.clock().nowMs();
          long wall = System.currentTimeMillis();
          if (!o.quiet() && wall - lastPrint[0] >= 2000) {
            lastPrint[0] = wall;
            out.println(row(sim));
          }
          if ((now >= endMs && sim.finished()) || now >= drainMs) {
            vertx.cancelTimer(id);
            done.complete(sim.finish());
          }
        });
  }

  private String row(Simulation sim) {
    Simulation.Progress p = sim.live();
    StringBuilder tiers = new StringBuilder();
    for (Pool pool : o.pools()) {
      for (var t : pool.tiers()) {
        var g = sim.fleet().describe(t.asg()).result();
        int running = 0;
        int warm = 0;
        for (var i : g.instances()) {
          if (i.lifecycle().inWarmPool()) {
            warm++;
          } else {
            running++;
          }
        }
        tiers.append(String.format(Locale.ROOT, " %s %d/%d", t.asg(), running, warm));
      }
    }
    String clock = Instant.ofEpochMilli(sim.clock().nowMs()).atZone(ZoneOffset.UTC).toLocalTime().toString();
    return String.format(Locale.ROOT, "%-8s %6d %5d/%-5d %7.1f %8.2f  %s",
        clock.length() > 8 ? clock.substring(0, 8) : clock, p.queued(), p.completed(), p.fed(),
        p.pickup(0.95), p.cost(), tiers);
  }

  private void mountPage(Router router, Simulation sim, Simulation baseline, DemoHistory history, OnContext on, long endMs) {
    String page = page();
    router.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(page));
    router
        .get("/api/v1/demo/history")
        .handler(
            ctx ->
                on.call(() -> Future.succeededFuture(history.json(sim, baseline)))
                    .onSuccess(
                        j -> ctx.response().putHeader("content-type", "application/json").end(j.encode())));
    router
        .get("/api/v1/demo")
        .handler(
            ctx ->
                on.call(() -> Future.succeededFuture(demoState(sim, endMs)))
                    .onSuccess(
                        j -> ctx.response().putHeader("content-type", "application/json").end(j.encode())));
  }

  private JsonObject demoState(Simulation sim, long endMs) {
    Simulation.Progress p = sim.live();
    return new JsonObject()
        .put("virtualTime", Instant.ofEpochMilli(sim.clock().nowMs()).toString())
        .put("endsAt", Instant.ofEpochMilli(endMs).toString())
        .put("jobs", o.trace().size())
        .put("fed", p.fed())
        .put("completed", p.completed())
        .put("queued", p.queued())
        .put("pickupP50", p.pickup(0.5))
        .put("pickupP95", p.pickup(0.95))
        .put("costUsd", p.cost())
        .put("firstJobAt", o.trace().get(0).queuedAt().toString())
        .put("speed", o.speed())
        .put("finished", sim.finished());
  }

  private static String page() {
    try (InputStream in = Demo.class.getResourceAsStream("/demo/index.html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      return "<!doctype html><p>live page missing from the jar</p>";
    }
  }

  /** A gateway config for local mode: embedded SQS, memory ledger, the demo's pools. */
  private HangarConfig config() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = yaml.createObjectNode();
    root.putObject("server").put("host", "127.0.0.1").put("port", o.port()).put("shutdownGraceSeconds", 0);
    ObjectNode gh = root.putObject("github");
    gh.putArray("webhookSecrets").add(secret);
    gh.put("owner", "acme");
    root.putObject("aws").put("region", "us-east-1");
    root.putObject("queue").put("embedded", true);
    root.putObject("ledger").put("type", "memory");
    root.set("pools", o.poolsYaml());
    ObjectNode obs = root.putObject("observability");
    obs.putObject("metrics").putObject("cloudwatch").put("enabled", false);
    obs.putObject("tracing").put("exporter", "none");
    // Fast reconciling: with time sped up, real milliseconds are virtual seconds.
    root.putObject("poolLoop").put("debounceMillis", 50).put("periodSeconds", 1).put("receiveWaitSeconds", 1);
    Path file = Files.createTempFile("hangar-demo", ".yaml");
    try {
      Files.writeString(file, yaml.writeValueAsString(root));
      return ConfigLoader.load(file, System.getenv(), true);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The simulation's virtual time as a {@link Clock} for the reconciler. */
  private static final class VirtualJavaClock extends Clock {
    private final Simulation sim;

    VirtualJavaClock(Simulation sim) {
      this.sim = sim;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(sim.clock().nowMs());
    }
  }
}
