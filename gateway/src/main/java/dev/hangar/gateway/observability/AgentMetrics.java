package dev.hangar.gateway.observability;

import java.util.function.ToDoubleFunction;

/**
 * What the agent API records: {@code hangar.agent.*}, {@code hangar.spot.interruptions},
 * {@code hangar.spot.rebalance.recommendations} and {@code hangar.runner.version.lag.days}.
 */
public interface AgentMetrics {
  /** The {@code pool} tag of calls whose instance is not (or no longer) placed in a pool. */
  String UNKNOWN_POOL = "unknown";

  /** Records nothing. */
  AgentMetrics NOOP = new Noop();

  /** How runner lag in days is computed from a runner version (read whenever the gauge is). */
  void lagFrom(ToDoubleFunction<String> lagDays);

  /** The runner version baked into the pool's image, as the last registration reported it. */
  void bakedRunnerVersion(String pool, String version);

  /** One {@code POST /agent/v1/session} by outcome. */
  void session(String result);

  /** One {@code POST /agent/v1/register} by outcome. */
  void registration(String pool, String result);

  /** A session-authenticated call refused. */
  void authFailure(String reason);

  /** One heartbeat received. */
  void heartbeat(String pool);

  /** One event an agent reported. */
  void event(String pool, String type);

  /** A spot interruption notice an agent reported. */
  void spotInterruption(String pool);

  /** An EC2 rebalance recommendation an agent reported. */
  void rebalance(String pool);

  /** One {@code POST /agent/v1/retire} by outcome. */
  void retirement(String pool, String result);

  /** An agent call refused by a rate limit. */
  void throttled(String call, String scope);

  /** A lifecycle action completed for the calling instance. */
  void lifecycle(String pool, String hook, String result);

  /** The no-op recorder behind {@link #NOOP}. */
  final class Noop implements AgentMetrics {
    private Noop() {}

    @Override
    public void lagFrom(ToDoubleFunction<String> lagDays) {}

    @Override
    public void bakedRunnerVersion(String pool, String version) {}

    @Override
    public void session(String result) {}

    @Override
    public void registration(String pool, String result) {}

    @Override
    public void authFailure(String reason) {}

    @Override
    public void heartbeat(String pool) {}

    @Override
    public void event(String pool, String type) {}

    @Override
    public void spotInterruption(String pool) {}

    @Override
    public void rebalance(String pool) {}

    @Override
    public void retirement(String pool, String result) {}

    @Override
    public void throttled(String call, String scope) {}

    @Override
    public void lifecycle(String pool, String hook, String result) {}
  }
}
