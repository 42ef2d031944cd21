package dev.hangar.gateway.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A pool's job arrivals counted per clock hour, and the arrival rate they forecast for an
 * instant: the mean of the same weekday and hour (and the hour after it, to be ready for a
 * ramp-up) over the last weeks that history covers. Pure: time is always a parameter.
 */
public final class ArrivalHistory {
  private static final long HOURS_PER_WEEK = 168;
  private final Map<Long, Integer> perHour = new HashMap<>();
  private long firstHour = Long.MAX_VALUE;

  /** Counts one job created at {@code createdAt}. */
  public void record(Instant createdAt) {
    long h = hour(createdAt);
    perHour.merge(h, 1, Integer::sum);
    firstHour = Math.min(firstHour, h);
  }

  /** Forgets hours older than {@code weeks} weeks before {@code now} (bounded memory). */
  public void forgetBefore(Instant now, int weeks) {
    long keepFrom = hour(now) - weeks * HOURS_PER_WEEK - 1;
    perHour.keySet().removeIf(h -> h < keepFrom);
    // Forgotten weeks are unknown, not quiet: they must not count as zero arrivals.
    firstHour = Math.max(firstHour, keepFrom);
  }

  /**
   * Expected arrivals per minute at {@code now} from up to {@code weeks} past weeks; 0 while
   * history covers none (a new pool has only its recent rate).
   */
  public double forecastPerMinute(Instant now, int weeks) {
    long h = hour(now);
    double thisHour = 0;
    double nextHour = 0;
    int covered = 0;
    for (int k = 1; k <= weeks; k++) {
      long past = h - k * HOURS_PER_WEEK;
      if (past < firstHour) {
        break;
      }
      thisHour += perHour.getOrDefault(past, 0);
      nextHour += perHour.getOrDefault(past + 1, 0);
      covered++;
    }
    if (covered == 0) {
      return 0;
    }
    return Math.max(thisHour, nextHour) / covered / 60.0;
  }

  private static long hour(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 3600);
  }
}
