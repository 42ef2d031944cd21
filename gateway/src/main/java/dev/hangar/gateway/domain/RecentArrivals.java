package dev.hangar.gateway.domain;

import java.time.Instant;
import java.util.TreeMap;

/**
 * A pool's job arrivals of the last hour counted per minute: the recent rate that sizes the idle
 * buffer, and the peak rate of the last half hour below which idle runners are kept. Pure: time
 * is always a parameter.
 */
public final class RecentArrivals {
  /** The window of the recent rate. */
  public static final int WINDOW_MINUTES = 5;
  /** How far back the peak rate looks. */
  public static final int PEAK_MINUTES = 30;
  private static final int KEEP_MINUTES = 60;
  private static final double PEAK_CAP = 2.0;
  private final TreeMap<Long, Integer> perMinute = new TreeMap<>();

  /** Counts one job created at {@code createdAt}. */
  public void record(Instant createdAt) {
    perMinute.merge(minute(createdAt), 1, Integer::sum);
  }

  /** Jobs per minute created in the {@link #WINDOW_MINUTES} minutes up to {@code now}. */
  public double perMinute(Instant now) {
    forgetBefore(now);
    return rate(minute(now), WINDOW_MINUTES);
  }

  /**
   * The highest {@link #WINDOW_MINUTES}-minute rate of the last {@link #PEAK_MINUTES} minutes:
   * arrivals come in bursts, and a runner retired between two bursts costs a boot to replace.
   */
  public double peakPerMinute(Instant now) {
    forgetBefore(now);
    long end = minute(now);
    double peak = 0;
    for (long m = end; m > end - PEAK_MINUTES + WINDOW_MINUTES - 1; m--) {
      peak = Math.max(peak, rate(m, WINDOW_MINUTES));
    }
    // A burst far above the half hour's mean is a one-off (a monorepo's matrix): runners kept
    // for it would wait longer than booting them again costs.
    return Math.min(peak, PEAK_CAP * rate(end, PEAK_MINUTES));
  }

  /** Jobs per minute in the {@code minutes} minutes ending with {@code endMinute}. */
  private double rate(long endMinute, int minutes) {
    int n = 0;
    for (int c : perMinute.subMap(endMinute - minutes, false, endMinute, true).values()) {
      n += c;
    }
    return n / (double) minutes;
  }

  private void forgetBefore(Instant now) {
    perMinute.headMap(minute(now) - KEEP_MINUTES).clear();
  }

  private static long minute(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }
}
