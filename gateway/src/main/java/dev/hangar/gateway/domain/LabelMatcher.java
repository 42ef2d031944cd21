package dev.hangar.gateway.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the pool for a job the way GitHub picks a runner: a job matches a pool when every job
 * label is one of the pool's labels, compared case-insensitively; when several pools match,
 * the first in configuration order wins.
 *
 * <p>A job without any label matches no pool. GitHub always sends at least one {@code runs-on}
 * label (for self-hosted jobs at least {@code self-hosted}); an empty list is malformed input,
 * and sending it to the first pool would let a broken payload start instances. Duplicate job
 * labels count once, as they do on GitHub.
 */
public final class LabelMatcher {
  private final List<Pool> pools;
  private final List<Set<String>> poolLabels;

  /** A matcher over the pools in configuration order. */
  public LabelMatcher(List<Pool> pools) {
    this.pools = List.copyOf(pools);
    this.poolLabels = this.pools.stream().map(p -> normalize(p.labels())).toList();
  }

  /** The pool the job goes to: the first matching pool in configuration order. */
  public Optional<Pool> match(Collection<String> jobLabels) {
    Set<String> wanted = normalize(jobLabels);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < pools.size(); i++) {
      if (poolLabels.get(i).containsAll(wanted)) {
        return Optional.of(pools.get(i));
      }
    }
    return Optional.empty();
  }

  /** Every pool that could serve the job, in configuration order (first one is the match). */
  public List<Pool> matchingPools(Collection<String> jobLabels) {
    Set<String> wanted = normalize(jobLabels);
    List<Pool> out = new ArrayList<>();
    if (wanted.isEmpty()) {
      return out;
    }
    for (int i = 0; i < pools.size(); i++) {
      if (poolLabels.get(i).containsAll(wanted)) {
        out.add(pools.get(i));
      }
    }
    return out;
  }

  /** True when the pool alone could serve a job with these labels. */
  public static boolean matches(Pool pool, Collection<String> jobLabels) {
    Set<String> wanted = normalize(jobLabels);
    return !wanted.isEmpty() && normalize(pool.labels()).containsAll(wanted);
  }

  private static Set<String> normalize(Collection<String> labels) {
    return labels.stream()
        .map(l -> l.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
