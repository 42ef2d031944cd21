package dev.hangar.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hangar's own meters (names {@code hangar.*}, catalogued in {@code docs/metrics.md}). Gauges
 * are set from the owner's code; the values are kept here so the registry can read them.
 */
public final class HangarMeters {
  public static final String WEBHOOK_RECEIVED = "hangar.webhook.received";
  public static final String WEBHOOK_DURATION = "hangar.webhook.duration";
  public static final String JOBS_QUEUED = "hangar.jobs.queued";
  public static final String JOBS_RUNNING = "hangar.jobs.running";
  public static final String SCALING_DESIRED = "hangar.scaling.desired";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, Counter> webhookCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> webhookTimers = new ConcurrentHashMap<>();

  public HangarMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The registry, for meters a teammate adds (name them {@code hangar.*} and catalogue them). */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one webhook request; {@code event} and {@code result} are bounded words. */
  public void webhookReceived(String event, String result, Duration took) {
    String key = event + '|' + result;
    webhookCounters
        .computeIfAbsent(key, k -> Counter.builder(WEBHOOK_RECEIVED)
            .description("Webhook requests by event and outcome")
            .tags("event", event, "result", result)
            .register(registry))
        .increment();
    webhookTimers
        .computeIfAbsent(result, r -> Timer.builder(WEBHOOK_DURATION)
            .description("Time to answer a webhook request")
            .tags("result", r)
            .register(registry))
        .record(took);
  }

  /** Jobs of the pool waiting for a runner. */
  public void jobsQueued(String pool, long n) {
    gauge(JOBS_QUEUED, "Jobs waiting for a runner", Tags.of("pool", pool)).set(n);
  }

  /** Jobs of the pool running on a runner. */
  public void jobsRunning(String pool, long n) {
    gauge(JOBS_RUNNING, "Jobs running on a runner", Tags.of("pool", pool)).set(n);
  }

  /** Desired capacity last applied to one tier (tag {@code tier}: the Auto Scaling group name). */
  public void scalingDesired(String pool, String tier, long n) {
    gauge(SCALING_DESIRED, "Desired capacity applied to a tier", Tags.of("pool", pool, "tier", tier)).set(n);
  }

  private AtomicLong gauge(String name, String description, Tags tags) {
    return gauges.computeIfAbsent(name + tags, k -> {
      AtomicLong value = new AtomicLong();
      io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::get)
          .description(description)
          .tags(tags)
          .register(registry);
      return value;
    });
  }
}
