package dev.hangar.local.sim;

import java.time.Instant;
import java.util.PriorityQueue;

/** Discrete-event virtual clock: actions run in time order, time jumps between them. */
public final class VirtualClock {
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final long startMs;
  private volatile long nowMs;
  private long seq;
  private long executed;

  /** A clock starting at {@code start}. */
  public VirtualClock(Instant start) {
    this.startMs = start.toEpochMilli();
    this.nowMs = startMs;
  }

  /** Current virtual time in epoch milliseconds. */
  public long nowMs() {
    return nowMs;
  }

  /** Current virtual time. */
  public Instant now() {
    return Instant.ofEpochMilli(nowMs);
  }

  /** Where the clock started. */
  public long startMs() {
    return startMs;
  }

  /** Runs {@code action} at {@code atMs} (or now, if that is in the past). */
  public void at(long atMs, Runnable action) {
    queue.add(new Event(Math.max(atMs, nowMs), seq++, action));
  }

  /** Runs {@code action} after {@code seconds} of virtual time. */
  public void after(double seconds, Runnable action) {
    at(nowMs + Math.round(seconds * 1000), action);
  }

  /** Runs events until none is left at or before {@code untilMs}; returns false if none left. */
  public boolean runUntil(long untilMs) {
    while (!queue.isEmpty() && queue.peek().atMs <= untilMs) {
      Event e = queue.poll();
      nowMs = e.atMs;
      executed++;
      e.action.run();
    }
    nowMs = Math.max(nowMs, untilMs);
    return !queue.isEmpty();
  }

  /** Events executed so far. */
  public long executed() {
    return executed;
  }

  private record Event(long atMs, long seq, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int c = Long.compare(atMs, o.atMs);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
