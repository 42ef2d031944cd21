package dev.hangar.agent;

import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.core.Action;
import dev.hangar.agent.core.Decision;
import dev.hangar.agent.core.Decisions;
import dev.hangar.agent.core.Signal;
import dev.hangar.agent.core.Situation;
import dev.hangar.agent.core.Timings;
import dev.hangar.agent.log.Log;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The on-instance agent: follows the ASG target lifecycle state (warm-up, in service,
 * termination), supervises the runner (one JIT runner per job; several jobs per instance with
 * runner reuse), watches spot notices, sends health, and retires its instance when its purpose is
 * over (or shuts it down when the gateway is gone).
 * Watchers, hooks and timers post {@link Signal}s; one loop ({@link #run()}) hands each to the
 * pure {@link Decisions} and carries out the actions it returns.
 */
public final class Agent implements AutoCloseable {
  static final String INSTANCE_ID_PATH = "/latest/meta-data/instance-id";

  private final AgentConfig config;
  private final Collaborators c;
  private final Log log;
  private final Decisions decisions;
  private final ActionExecutor executor;
  private volatile Situation situation = Situation.initial();
  private volatile String instanceId = "";
  private volatile Thread mainThread;
  private volatile boolean closed;

  public Agent(AgentConfig config, Collaborators collaborators) {
    this.config = config;
    this.c = collaborators;
    this.log = collaborators.log();
    this.decisions = new Decisions(Timings.from(config));
    this.executor = new ActionExecutor(config, collaborators, () -> closed);
  }

  /** An agent with the collaborators {@link AgentFactory} makes (kept for in-process callers). */
  public Agent(AgentConfig config, Log log) {
    this(config, AgentFactory.collaborators(config, log));
  }

  public AgentState state() {
    return situation.phase();
  }

  /** Runs until {@link #close()} is called; an instance that is done with idles until it goes away. */
  public void run() throws InterruptedException {
    mainThread = Thread.currentThread();
    try {
      // IMDS first: nothing else is worth doing (or paying start-up time for) before it answers.
      instanceId = c.imds().required(INSTANCE_ID_PATH).trim();
      log.instanceId(instanceId);
      log.info("hangar-agent started", "imds", config.imdsUrl().toString(), "gateway",
          config.gatewayUrl().toString());
      c.timers().every(java.time.Duration.ZERO, config.heartbeatInterval(), new Heartbeat(c.gateway(), c.emf(),
          c.clock(), log, config.pool(), config.runnerDir(), () -> situation, () -> instanceId));
      c.lifecycle().first();
      c.timers().watch(c.lifecycle(), c.lifecycle().interval());
      loop();
    } catch (InterruptedException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  /**
   * Takes one signal at a time. The outcome of an action (registered, retired, …) is decided
   * before any signal that arrived meanwhile, as the old sequential code did.
   */
  private void loop() throws InterruptedException {
    Deque<Signal> outcomes = new ArrayDeque<>();
    while (!closed) {
      Signal signal = outcomes.isEmpty() ? c.inbox().take() : outcomes.removeFirst();
      Decision d = decisions.decide(situation, signal, c.clock().instant());
      situation = d.next();
      for (Action action : d.actions()) {
        if (closed) {
          return;
        }
        executor.execute(action).ifPresent(outcomes::addLast);
      }
    }
  }

  /** Stops watchers, the hook endpoint and the runner (used on service stop and by tests). */
  @Override
  public void close() {
    closed = true;
    c.timers().close();
    try {
      executor.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Thread t = mainThread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }
}
