package dev.hangar.agent;

import dev.hangar.agent.watch.Watcher;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The agent's two timer threads: watchers, heartbeats and delayed signals run here, never on the decision loop. */
public final class Timers implements AutoCloseable {
  private final ScheduledThreadPoolExecutor pool;

  public Timers() {
    pool = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "agent-poller");
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true);
  }

  /** Polls {@code watcher} after {@code initialDelay}, then every interval. */
  public void watch(Watcher watcher, Duration initialDelay) {
    every(initialDelay, watcher.interval(), watcher::poll);
  }

  public void every(Duration initialDelay, Duration period, Runnable task) {
    try {
      pool.scheduleWithFixedDelay(task, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: nothing more to schedule.
    }
  }

  public void after(Duration delay, Runnable task) {
    try {
      pool.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: nothing more to schedule.
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
