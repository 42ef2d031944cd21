package dev.hangar.agent;

import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.core.Action;
import dev.hangar.agent.core.Signal;
import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.log.Log;
import dev.hangar.agent.runner.HookServer;
import dev.hangar.agent.runner.RunnerUpdater;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Carries out the decision core's actions with the agent's collaborators. Thin on purpose: what
 * to do was decided already; an action that has an outcome answers with the {@link Signal} for it.
 */
final class ActionExecutor implements AutoCloseable {
  private final AgentConfig config;
  private final Collaborators c;
  private final Log log;
  private final BooleanSupplier closed;
  private volatile HookServer hooks;

  ActionExecutor(AgentConfig config, Collaborators c, BooleanSupplier closed) {
    this.config = config;
    this.c = c;
    this.log = c.log();
    this.closed = closed;
  }

  Optional<Signal> execute(Action action) throws InterruptedException {
    if (action instanceof Action.Note n) {
      note(n);
    } else if (action instanceof Action.WarmUp) {
      return Optional.of(new Signal.WarmUpDone(c.warmup().run()));
    } else if (action instanceof Action.CompleteLifecycle a) {
      return Optional.of(new Signal.LifecycleDone(a, completeLifecycle(a)));
    } else if (action instanceof Action.ReportEvent e) {
      String what = e.event().get("type") + " event";
      c.retry().bestEffort(config.gatewayTimeout(), what, () -> {
        c.gateway().event(e.event());
        return Boolean.TRUE;
      });
    } else if (action instanceof Action.WatchSpot) {
      c.timers().watch(c.spot(), Duration.ZERO);
    } else if (action instanceof Action.CheckRunner) {
      return Optional.of(checkRunner());
    } else if (action instanceof Action.Register r) {
      return Optional.of(register(r));
    } else if (action instanceof Action.CleanWork) {
      return Optional.of(cleanWork());
    } else if (action instanceof Action.UpdateRunner u) {
      return Optional.of(update(u));
    } else if (action instanceof Action.StartRunner s) {
      return startRunner(s.registration());
    } else if (action instanceof Action.StopRunner s) {
      c.runner().stop(s.grace());
    } else if (action instanceof Action.Retire r) {
      return Optional.of(retire(r));
    } else if (action instanceof Action.Deregister d) {
      c.retry().bestEffort(config.gatewayTimeout(), "deregister", () -> {
        c.gateway().retire(d.reason());
        return Boolean.TRUE;
      });
    } else if (action instanceof Action.Later l) {
      c.timers().after(l.delay(), () -> c.inbox().post(l.signal()));
    } else if (action instanceof Action.Shutdown s) {
      log.error("shutting the instance down", "why", s.why(), "command", config.shutdownCommand());
      c.runner().stop(Duration.ZERO);
      Commands.shutdown(config.shutdownCommand(), log);
    }
    return Optional.empty();
  }

  private void note(Action.Note n) {
    Object[] kv = n.fields().toArray();
    switch (n.level()) {
      case "ERROR" -> log.error(n.message(), kv);
      case "WARN" -> log.warn(n.message(), kv);
      default -> log.info(n.message(), kv);
    }
  }

  private boolean completeLifecycle(Action.CompleteLifecycle a) throws InterruptedException {
    String what = a.hook() + " lifecycle action";
    Retry.Outcome<Boolean> outcome = c.retry().until(a.deadline(), 0, what, () -> {
      c.gateway().lifecycle(a.hook(), a.result());
      return Boolean.TRUE;
    });
    if (outcome instanceof Retry.Outcome.Refused<Boolean> r) {
      log.error(what + " refused", "status", r.refusal().status(), "code", r.refusal().code(),
          "reason", r.refusal().reason());
    }
    return outcome instanceof Retry.Outcome.Done<Boolean>;
  }

  private Signal checkRunner() throws InterruptedException {
    try {
      return new Signal.RunnerChecked(Optional.of(c.runner().installedVersion()), "");
    } catch (IOException e) {
      return new Signal.RunnerChecked(Optional.empty(), e.getMessage());
    }
  }

  private Signal register(Action.Register r) throws InterruptedException {
    Retry.Outcome<Registration> outcome = c.retry().until(r.deadline(), r.attempt(), "register",
        () -> c.gateway().register(r.runnerVersion(), r.sequence()));
    if (outcome instanceof Retry.Outcome.Done<Registration> done) {
      // Before anything else can log: the JIT config must never appear in a line.
      log.secret(done.value().jitConfig());
      return new Signal.Registered(done.value());
    }
    return answer(r, outcome);
  }

  private Signal cleanWork() {
    try {
      c.runner().cleanWork();
      return new Signal.WorkCleaned(true, "");
    } catch (IOException | RuntimeException e) {
      return new Signal.WorkCleaned(false, String.valueOf(e.getMessage()));
    }
  }

  private Signal retire(Action.Retire r) throws InterruptedException {
    if (r.attempt() == 0) {
      log.info("asking the gateway to retire this instance", "reason", r.reason());
    }
    Retry.Outcome<Boolean> outcome = c.retry().until(r.deadline(), r.attempt(), "retire", () -> {
      c.gateway().retire(r.reason());
      return Boolean.TRUE;
    });
    return outcome instanceof Retry.Outcome.Done<Boolean> ? new Signal.Retired(r) : answer(r, outcome);
  }

  private static Signal answer(Action.GatewayStep step, Retry.Outcome<?> outcome) {
    if (outcome instanceof Retry.Outcome.Refused<?> refused) {
      GatewayException e = refused.refusal();
      return new Signal.Refused(step, e.code(), e.status(), e.reason());
    }
    return new Signal.GaveUp(step);
  }

  private Signal update(Action.UpdateRunner u) throws InterruptedException {
    try {
      c.updater().install(u.version(), u.download());
      return new Signal.RunnerUpdated(Optional.of(c.runner().installedVersion()));
    } catch (RunnerUpdater.UpdateFailedException e) {
      log.error("runner update failed", "error", e.getMessage(), "runnerVersion", u.from());
    } catch (IOException e) {
      log.error("updated runner does not report its version", "error", e.getMessage());
    }
    return new Signal.RunnerUpdated(Optional.empty());
  }

  private Optional<Signal> startRunner(Registration reg) throws InterruptedException {
    try {
      if (hooks == null) {
        // One hook endpoint for the instance's life: a reused instance's next runner calls the same one.
        hooks = c.hooks().start(e -> c.inbox().post(new Signal.Hook(e)));
      }
      long pid = c.runner().start(reg.jitConfig(), hooks, diag -> c.inbox().post(new Signal.RunnerExited(diag)));
      if (closed.getAsBoolean()) {
        // Stopped while starting it: close() may have looked before the runner existed.
        close();
        return Optional.empty();
      }
      return Optional.of(new Signal.RunnerStarted(pid));
    } catch (IOException e) {
      return Optional.of(new Signal.RunnerStartFailed(e.getMessage()));
    }
  }

  /** Kills the runner and closes the hook endpoint (the agent is stopping). */
  @Override
  public void close() throws InterruptedException {
    c.runner().stop(Duration.ZERO);
    HookServer h = hooks;
    if (h != null) {
      h.close();
    }
  }
}
