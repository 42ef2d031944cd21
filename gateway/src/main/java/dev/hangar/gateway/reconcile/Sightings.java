package dev.hangar.gateway.reconcile;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers since when a condition (an instance without a runner, an offline runner) has held
 * without interruption, as seen by this replica. An instance leaving a warm pool keeps its old
 * launch time, so only a condition observed for the whole boot timeout justifies retiring it.
 */
final class Sightings {
  private final Map<String, Instant> since = new HashMap<>();

  /** When the condition {@code key} was first seen holding (now, if it just started). */
  synchronized Instant seen(String key, Instant now) {
    return since.computeIfAbsent(key, k -> now);
  }

  /** Forgets every condition that no longer holds. */
  synchronized void retainOnly(Set<String> holding) {
    since.keySet().retainAll(holding);
  }

  synchronized int size() {
    return since.size();
  }
}
