package dev.hangar.local.sim;

import dev.hangar.gateway.domain.LabelMatcher;
import dev.hangar.gateway.domain.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sizing of the fixed-pool baseline from the trace. */
final class FixedPool {
  private FixedPool() {}

  /** The p95 of the pool's job concurrency over the trace (at least 1 when it has jobs). */
  static int concurrencyP95(List<TraceJob> trace, LabelMatcher matcher, Pool p) {
    List<long[]> spans = new ArrayList<>();
    for (TraceJob t : trace) {
      if (matcher.match(t.labels()).filter(m -> m.name().equals(p.name())).isPresent()) {
        long s = t.queuedAt().toEpochMilli();
        spans.add(new long[] {s, s + (long) (t.durationSeconds() * 1000)});
      }
    }
    if (spans.isEmpty()) {
      return 0;
    }
    long[] ends = spans.stream().mapToLong(a -> a[1]).sorted().toArray();
    int[] conc = new int[spans.size()];
    int e = 0;
    for (int k = 0; k < spans.size(); k++) {
      long s = spans.get(k)[0];
      while (e < ends.length && ends[e] <= s) {
        e++;
      }
      conc[k] = k + 1 - e;
    }
    Arrays.sort(conc);
    return Math.max(1, conc[(int) Math.ceil(0.95 * conc.length) - 1]);
  }
}
