package dev.hangar.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The one place Hangar's recorders meet Micrometer: every {@code hangar.*} meter (name, type,
 * tags; catalogued in {@code docs/metrics.md}) is registered here, on the given registry.
 *
 * <p>Each recorder is created once, on first use: a gauge has one owner per registry (a second
 * registration would keep reading the first owner's value), and meters appear when their user
 * is wired, as they did when users registered their own.
 */
public final class MicrometerRecorders {
  private final MeterRegistry registry;
  private final Map<Class<?>, Object> made = new ConcurrentHashMap<>();

  public MicrometerRecorders(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code hangar.webhook.received}, {@code hangar.webhook.duration}. */
  public WebhookMetrics webhook() {
    return once(WebhookMetrics.class, Webhook::new);
  }

  /** {@code hangar.consumer.events}. */
  public ConsumerMetrics consumer() {
    return once(ConsumerMetrics.class, ConsumerEvents::new);
  }

  /** {@code hangar.jobs.queued}, {@code hangar.jobs.running}, {@code hangar.scaling.desired}. */
  public PoolGauges pools() {
    return once(PoolGauges.class, Pools::new);
  }

  /** The scaling pass's launches, retirements, spot breaker and pickup times. */
  public ScalingMetrics scaling() {
    return once(ScalingMetrics.class, Scaling::new);
  }

  /** Reconciliation's actions, re-runs and cycles. */
  public ReconcileMetrics reconcile() {
    return once(ReconcileMetrics.class, Reconcile::new);
  }

  /** The agent API's calls, events and runner lag. */
  public AgentMetrics agent() {
    return once(AgentMetrics.class, Agent::new);
  }

  /** GitHub REST calls and rate-limit buckets. */
  public GitHubMetrics github() {
    return once(GitHubMetrics.class, GitHubCalls::new);
  }

  private <T> T once(Class<T> type, Function<MeterRegistry, T> create) {
    return type.cast(made.computeIfAbsent(type, t -> create.apply(registry)));
  }

  private static final class Webhook implements WebhookMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    Webhook(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void received(String event, String result, Duration took) {
      counters
          .computeIfAbsent(event + '|' + result, k -> Counter.builder("hangar.webhook.received")
              .description("Webhook requests by event and outcome")
              .tags("event", event, "result", result)
              .register(registry))
          .increment();
      timers
          .computeIfAbsent(result, r -> Timer.builder("hangar.webhook.duration")
              .description("Time to answer a webhook request")
              .tags("result", r)
              .register(registry))
          .record(took);
    }
  }

  private static final class ConsumerEvents implements ConsumerMetrics {
    private final Counter stored;
    private final Counter refused;

    // Both outcomes exist from the start, so a rate over them reads 0 rather than nothing.
    ConsumerEvents(MeterRegistry registry) {
      this.stored = events(registry, "stored");
      this.refused = events(registry, "refused");
    }

    private static Counter events(MeterRegistry registry, String result) {
      return Counter.builder("hangar.consumer.events")
          .description("Queued job events the consumer handled, by outcome")
          .tag("result", result)
          .register(registry);
    }

    @Override
    public void stored() {
      stored.increment();
    }

    @Override
    public void refused() {
      refused.increment();
    }
  }

  /** Gauges are set by their owner; the values are kept here so the registry can read them. */
  private static final class Pools implements PoolGauges {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    Pools(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void jobs(String pool, long queued, long running) {
      gauge("hangar.jobs.queued", "Jobs waiting for a runner", Tags.of("pool", pool)).set(queued);
      gauge("hangar.jobs.running", "Jobs running on a runner", Tags.of("pool", pool)).set(running);
    }

    @Override
    public void desired(String pool, String tier, long desired) {
      gauge("hangar.scaling.desired", "Desired capacity applied to a tier", Tags.of("pool", pool, "tier", tier))
          .set(desired);
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
      return gauges.computeIfAbsent(name + tags, k -> {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry);
        return value;
      });
    }
  }

  private static final class Scaling implements ScalingMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> breakers = new ConcurrentHashMap<>();

    Scaling(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void launched(String pool, String tier, int instances) {
      registry.counter("hangar.runners.launched", "pool", pool, "tier", tier).increment(instances);
    }

    @Override
    public void retired(String pool, String reason) {
      registry.counter("hangar.runners.retired", "pool", pool, "reason", reason).increment();
    }

    @Override
    public void spotBreaker(String pool, boolean open) {
      breakers.computeIfAbsent(pool, p -> {
        AtomicInteger g = new AtomicInteger();
        registry.gauge("hangar.spot.breaker.open", List.of(Tag.of("pool", p)), g);
        return g;
      }).set(open ? 1 : 0);
    }

    @Override
    public void pickup(String pool, Duration queuedToStarted) {
      registry.timer("hangar.job.pickup.seconds", "pool", pool).record(queuedToStarted);
    }
  }

  private static final class Reconcile implements ReconcileMetrics {
    private final MeterRegistry registry;

    Reconcile(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void action(String pool, String action) {
      Counter.builder("hangar.reconcile.actions")
          .description("Corrective actions taken by reconciliation")
          .tag("pool", pool)
          .tag("action", action)
          .register(registry)
          .increment();
    }

    @Override
    public void retried(String pool, String reason) {
      Counter.builder("hangar.jobs.retried")
          .description("Jobs Hangar re-ran on other capacity")
          .tag("pool", pool)
          .tag("reason", reason)
          .register(registry)
          .increment();
    }

    @Override
    public void cycle(String result) {
      Counter.builder("hangar.reconcile.cycles")
          .description("Reconcile cycles by result")
          .tag("result", result)
          .register(registry)
          .increment();
    }
  }

  private static final class Agent implements AgentMetrics {
    private final MeterRegistry registry;
    private final Map<String, String> bakedVersionByPool = new ConcurrentHashMap<>();
    private volatile ToDoubleFunction<String> lagDays = v -> 0;

    Agent(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void lagFrom(ToDoubleFunction<String> lagDays) {
      this.lagDays = lagDays;
    }

    @Override
    public void bakedRunnerVersion(String pool, String version) {
      if (bakedVersionByPool.put(pool, version) == null) {
        Gauge.builder("hangar.runner.version.lag.days", bakedVersionByPool,
                m -> m.containsKey(pool) ? lagDays.applyAsDouble(m.get(pool)) : 0)
            .tag("pool", pool)
            .description("days the pool's baked runner version is behind the newest release")
            .register(registry);
      }
    }

    @Override
    public void session(String result) {
      count("hangar.agent.sessions", "result", result);
    }

    @Override
    public void registration(String pool, String result) {
      count("hangar.agent.registrations", "pool", pool, "result", result);
    }

    @Override
    public void authFailure(String reason) {
      count("hangar.agent.auth.failures", "reason", reason);
    }

    @Override
    public void heartbeat(String pool) {
      count("hangar.agent.heartbeats", "pool", pool);
    }

    @Override
    public void event(String pool, String type) {
      count("hangar.agent.events", "pool", pool, "type", type);
    }

    @Override
    public void spotInterruption(String pool) {
      count("hangar.spot.interruptions", "pool", pool);
    }

    @Override
    public void rebalance(String pool) {
      count("hangar.spot.rebalance.recommendations", "pool", pool);
    }

    @Override
    public void retirement(String pool, String result) {
      count("hangar.agent.retirements", "pool", pool, "result", result);
    }

    @Override
    public void throttled(String call, String scope) {
      count("hangar.agent.throttled", "call", call, "scope", scope);
    }

    @Override
    public void lifecycle(String pool, String hook, String result) {
      count("hangar.agent.lifecycle.actions", "pool", pool, "hook", hook, "result", result);
    }

    private void count(String name, String... tags) {
      registry.counter(name, tags).increment();
    }
  }

  private static final class GitHubCalls implements GitHubMetrics {
    private final MeterRegistry registry;

    GitHubCalls(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void request(String endpoint, String status, Duration took) {
      Timer.builder("hangar.github.requests")
          .description("GitHub REST calls by endpoint and answer status")
          .tag("endpoint", endpoint)
          .tag("status", status)
          .register(registry)
          .record(took);
    }

    @Override
    public void rateLimitBucket(String resource, LongSupplier remaining) {
      // Strong: nothing else holds the supplier, and a collected one would read NaN.
      Gauge.builder("hangar.github.ratelimit.remaining", remaining, LongSupplier::getAsLong)
          .strongReference(true)
          .tag("resource", resource)
          .description("Requests left in the GitHub rate-limit bucket")
          .register(registry);
    }
  }
}
