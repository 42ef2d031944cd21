package dev.hangar.gateway.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Since when each of a set of conditions (an idle runner, an instance without a runner) has held
 * without interruption. Immutable: each observation returns the next value, with the time given.
 */
public record FirstSeen<K>(Map<K, Instant> since) {
  public FirstSeen {
    since = Map.copyOf(since);
  }

  /** Nothing seen yet. */
  public static <K> FirstSeen<K> none() {
    return new FirstSeen<>(Map.of());
  }

  /**
   * After observing that exactly {@code holding} hold at {@code now}: conditions seen before keep
   * their first sighting, new ones start at {@code now}, the others are forgotten (a condition
   * that stopped holding starts over when it returns).
   */
  public FirstSeen<K> observe(Set<K> holding, Instant now) {
    Map<K, Instant> next = new HashMap<>();
    for (K k : holding) {
      next.put(k, since.getOrDefault(k, now));
    }
    return new FirstSeen<>(next);
  }

  /** When {@code key} was first seen holding, or null when it does not hold. */
  public Instant since(K key) {
    return since.get(key);
  }

  /** How many conditions hold. */
  public int size() {
    return since.size();
  }
}
