package dev.hangar.gateway.agentapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instance ids remembered for a fixed time on an injected clock, at most {@code maxIds} of them
 * (the oldest goes first). Every id lives equally long, so insertion order is expiry order and a
 * sweep stops at the first live entry.
 */
final class RecentIds {
  private final Duration keep;
  private final int maxIds;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> until;

  RecentIds(Duration keep, int maxIds, Clock clock) {
    this.keep = keep;
    this.maxIds = maxIds;
    this.clock = clock;
    this.until = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
        return size() > RecentIds.this.maxIds;
      }
    };
  }

  /** Remembers the id from now on (again, if it was already known). */
  synchronized void add(String id) {
    Instant now = clock.instant();
    sweep(now);
    until.remove(id);
    until.put(id, now.plus(keep));
  }

  synchronized boolean contains(String id) {
    sweep(clock.instant());
    return until.containsKey(id);
  }

  synchronized int size() {
    return until.size();
  }

  private void sweep(Instant now) {
    for (Iterator<Instant> it = until.values().iterator(); it.hasNext(); ) {
      if (now.isBefore(it.next())) {
        return;
      }
      it.remove();
    }
  }
}
