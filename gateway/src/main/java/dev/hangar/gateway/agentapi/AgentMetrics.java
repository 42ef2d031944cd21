package dev.hangar.gateway.agentapi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** The agent API's meters (catalogued in docs/metrics.md). */
final class AgentMetrics {
  static final String UNKNOWN_POOL = "unknown";
  private final MeterRegistry registry;
  private final Map<String, String> bakedVersionByPool = new ConcurrentHashMap<>();
  private ToDoubleFunction<String> lagDays = v -> 0;

  AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** How runner lag in days is computed from a runner version. */
  void lagFrom(ToDoubleFunction<String> lagDays) {
    this.lagDays = lagDays;
  }

  /** The runner version baked into the pool's image, as the last registration reported it. */
  void bakedRunnerVersion(String pool, String version) {
    if (bakedVersionByPool.put(pool, version) == null) {
      Gauge.builder("hangar.runner.version.lag.days", bakedVersionByPool,
              m -> m.containsKey(pool) ? lagDays.applyAsDouble(m.get(pool)) : 0)
          .tag("pool", pool)
          .description("days the pool's baked runner version is behind the newest release")
          .register(registry);
    }
  }

  void session(String result) {
    count("hangar.agent.sessions", "result", result);
  }

  void registration(String pool, String result) {
    count("hangar.agent.registrations", "pool", pool, "result", result);
  }

  void authFailure(String reason) {
    count("hangar.agent.auth.failures", "reason", reason);
  }

  void heartbeat(String pool) {
    count("hangar.agent.heartbeats", "pool", pool);
  }

  void event(String pool, String type) {
    count("hangar.agent.events", "pool", pool, "type", type);
  }

  void spotInterruption(String pool) {
    count("hangar.spot.interruptions", "pool", pool);
  }

  void rebalance(String pool) {
    count("hangar.spot.rebalance.recommendations", "pool", pool);
  }

  void retirement(String pool, String result) {
    count("hangar.agent.retirements", "pool", pool, "result", result);
  }

  void throttled(String call, String scope) {
    count("hangar.agent.throttled", "call", call, "scope", scope);
  }

  void lifecycle(String pool, String hook, String result) {
    count("hangar.agent.lifecycle.actions", "pool", pool, "hook", hook, "result", result);
  }

  private void count(String name, String... tags) {
    registry.counter(name, tags).increment();
  }
}
