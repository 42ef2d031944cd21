package dev.hangar.gateway.scaling;

import dev.hangar.gateway.ledger.InterruptionListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent spot interruption notices per pool, as reported by agents; one of the two inputs of
 * the spot circuit breaker (the other is the group's failed launches). Keeps one hour.
 */
public final class SpotInterruptions {
  private static final long KEEP_MS = 3_600_000L;
  private final Map<String, Deque<Instant>> byPool = new ConcurrentHashMap<>();

  /** Records a notice for an instance of the pool. */
  public void record(String pool, Instant at) {
    Deque<Instant> q = byPool.computeIfAbsent(pool, p -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(at);
      while (!q.isEmpty() && at.toEpochMilli() - q.peekFirst().toEpochMilli() > KEEP_MS) {
        q.removeFirst();
      }
    }
  }

  /**
   * Listener that records a notice for the job's pool at {@code clock}'s time whenever an agent
   * reports a spot interruption for a busy runner.
   */
  public InterruptionListener recorder(Clock clock) {
    return job -> record(job.pool(), clock.instant());
  }

  /** Notices of the pool at or after {@code since}. */
  public List<Instant> since(String pool, Instant since) {
    Deque<Instant> q = byPool.get(pool);
    if (q == null) {
      return List.of();
    }
    synchronized (q) {
      List<Instant> out = new ArrayList<>();
      for (Instant i : q) {
        if (!i.isBefore(since)) {
          out.add(i);
        }
      }
      return out;
    }
  }
}
