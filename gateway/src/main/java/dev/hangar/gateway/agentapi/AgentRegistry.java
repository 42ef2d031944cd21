package dev.hangar.gateway.agentapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this gateway replica has heard from agents: the runner each instance registered, its last
 * heartbeat and its last reported event. In memory (reconciliation reads it; a replica that has
 * not heard from an instance falls back to GitHub and AWS).
 */
public final class AgentRegistry {
  /** How long an instance not heard from is remembered (instances live for one job, or a few with reuse). */
  static final Duration FORGET_AFTER = Duration.ofHours(24);
  /** Writes between sweeps for forgotten instances, so memory stays bounded without a timer. */
  static final int SWEEP_EVERY = 1024;
  private final Map<String, Agent> agents = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();

  /** The view of one instance. */
  public record Agent(
      String instanceId,
      String pool,
      String asg,
      Long runnerId,
      Heartbeat lastHeartbeat,
      Instant lastSeen,
      String lastEvent,
      boolean retired) {

    Agent with(Heartbeat hb, Instant seen) {
      return new Agent(instanceId, pool, asg, runnerId, hb, seen, lastEvent, retired);
    }

    Agent withEvent(String event, Instant seen) {
      return new Agent(instanceId, pool, asg, runnerId, lastHeartbeat, seen, event, retired);
    }
  }

  /** Health an agent reported. */
  public record Heartbeat(
      String state, String runnerVersion, Long diskFreeBytes, Long memAvailableBytes, Double load1) {}

  /** An instance opened a session (it is in {@code asg} of {@code pool}). */
  public void seen(String instanceId, String pool, String asg, Instant at) {
    sweepNowAndThen(at);
    agents.compute(
        instanceId,
        (id, a) ->
            a == null
                ? new Agent(id, pool, asg, null, null, at, null, false)
                : new Agent(id, pool, asg, a.runnerId(), a.lastHeartbeat(), at, a.lastEvent(), a.retired()));
  }

  /** An instance registered runner {@code runnerId}. */
  public void registered(String instanceId, String pool, String asg, long runnerId, Instant at) {
    sweepNowAndThen(at);
    agents.compute(
        instanceId,
        (id, a) ->
            new Agent(
                id, pool, asg, runnerId,
                a == null ? null : a.lastHeartbeat(), at, a == null ? null : a.lastEvent(), false));
  }

  /** Records a heartbeat. */
  public void heartbeat(String instanceId, Heartbeat hb, Instant at) {
    agents.compute(
        instanceId,
        (id, a) -> (a == null ? new Agent(id, null, null, null, null, at, null, false) : a).with(hb, at));
  }

  /** Records an event. */
  public void event(String instanceId, String type, Instant at) {
    agents.compute(
        instanceId,
        (id, a) ->
            (a == null ? new Agent(id, null, null, null, null, at, null, false) : a).withEvent(type, at));
  }

  /** The instance's runner was deleted and the instance terminated. */
  public void retired(String instanceId, Instant at) {
    agents.computeIfPresent(
        instanceId,
        (id, a) -> new Agent(id, a.pool(), a.asg(), a.runnerId(), a.lastHeartbeat(), at, "retired", true));
  }

  /** What is known about one instance. */
  public Optional<Agent> agent(String instanceId) {
    return Optional.ofNullable(agents.get(instanceId));
  }

  /** Every instance heard from, for reconciliation. */
  public Map<String, Agent> snapshot() {
    return Map.copyOf(agents);
  }

  /** Forgets every instance not heard from since {@code before}. */
  public void forgetSilentSince(Instant before) {
    agents.values().removeIf(a -> a.lastSeen() != null && a.lastSeen().isBefore(before));
  }

  private void sweepNowAndThen(Instant now) {
    if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
      forgetSilentSince(now.minus(FORGET_AFTER));
    }
  }
}
