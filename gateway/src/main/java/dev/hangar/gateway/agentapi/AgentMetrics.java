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
    registry.counter("hangar.agent.sessions", "result", result).increment();
  }

  void registration(String pool, String result) {
    registry.counter("hangar.agent.registrations", "pool", pool, "result", result).increment();
  }

  void authFailure(String reason) {
    registry.counter("hangar.agent.auth.failures", "reason", reason).increment();
  }

  void heartbeat(String pool) {
    registry.counter("hangar.agent.heartbeats", "pool", pool).increment();
  }

  void event(String pool, String type) {
    registry.counter("hangar.agent.events", "pool", pool, "type", type).increment();
  }

  void spotInterruption(String pool) {
    registry.counter("hangar.spot.interruptions", "pool", pool).increment();
  }

  void rebalance(String pool) {
    registry.counter("hangar.spot.rebalance.recommendations", "pool", pool).increment();
  }

  void retirement(String pool, String result) {
    registry.counter("hangar.agent.retirements", "pool", pool, "result", result).increment();
  }

  void lifecycle(String pool, String hook, String result) {
    registry.counter("hangar.agent.lifecycle.actions", "pool", pool, "hook", hook, "result", result)
        .increment();
  }
}
