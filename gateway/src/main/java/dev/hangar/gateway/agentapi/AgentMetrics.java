package dev.hangar.gateway.agentapi;

import io.micrometer.core.instrument.MeterRegistry;

/** The agent API's meters (catalogued in docs/metrics.md). */
final class AgentMetrics {
  static final String UNKNOWN_POOL = "unknown";
  private final MeterRegistry registry;

  AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void session(String result) {
    registry.counter("hangar.agent.sessions", "result", result).increment();
  }

  void registration(String pool, String result) {
    registry.counter("hangar.agent.registrations", "pool", pool, "result", result).increment();
  }

  void runnerLaunched(String pool) {
    registry.counter("hangar.runners.launched", "pool", pool).increment();
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
