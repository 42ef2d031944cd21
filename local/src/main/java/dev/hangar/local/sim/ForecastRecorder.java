package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingInput;
import dev.hangar.gateway.scaling.PassResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records per pool, in ten-minute slots, the jobs queued and what the reconcile passes saw:
 * the recent arrival rate, the forecast and the idle buffer they planned.
 */
final class ForecastRecorder {
  private static final long HOUR_MS = 3_600_000L;

  private final long originMs;
  private final Map<String, Track> tracks = new LinkedHashMap<>();

  /** Slots start at the clock hour of {@code startMs}, so six of them make a clock hour. */
  ForecastRecorder(List<Pool> pools, long startMs) {
    this.originMs = Math.floorDiv(startMs, HOUR_MS) * HOUR_MS;
    for (Pool p : pools) {
      tracks.put(p.name(), new Track(p.name(), p.scaling().forecastWeeks()));
    }
  }

  /** One job (a first attempt or a re-run) of {@code pool} queued at {@code atMs}. */
  void arrived(String pool, long atMs) {
    Track t = tracks.get(pool);
    int slot = slot(atMs);
    t.ensure(slot);
    t.arrivals[slot]++;
  }

  /** A pass at {@code nowMs}: its figures hold until the pool's next pass. */
  void passed(PassResult r, long nowMs) {
    ScalingInput in = r.input();
    Track t = tracks.get(in.pool().name());
    t.holdUntil(nowMs);
    t.rate = in.arrivalsPerMinute();
    t.forecast = in.forecastPerMinute();
    // The plan's target is busy + queued + buffer (capped); what it leaves for idle runners.
    t.buffer = Math.max(0, r.plan().target() - in.queuedJobs() - in.runningJobs());
  }

  /** The series of every pool, the last pass's figures held until {@code endMs}. */
  List<ForecastSeries> finish(long endMs) {
    List<ForecastSeries> out = new ArrayList<>();
    for (Track t : tracks.values()) {
      t.holdUntil(endMs);
      t.ensure(slot(endMs));
      out.add(t.series());
    }
    return out;
  }

  private int slot(long ms) {
    return (int) ((ms - originMs) / ForecastSeries.SLOT_MS);
  }

  /** One pool's slots: arrival counts and time-weighted sums of the pass figures. */
  private final class Track {
    private final String pool;
    private final int forecastWeeks;
    private int[] arrivals = new int[0];
    private double[] coveredMs = new double[0];
    private double[] rateSum = new double[0];
    private double[] forecastSum = new double[0];
    private double[] bufferSum = new double[0];
    private int used;
    private long lastMs = -1;
    private double rate;
    private double forecast;
    private double buffer;

    Track(String pool, int forecastWeeks) {
      this.pool = pool;
      this.forecastWeeks = forecastWeeks;
    }

    void ensure(int slot) {
      used = Math.max(used, slot + 1);
      if (slot < arrivals.length) {
        return;
      }
      int n = Math.max(slot + 1, arrivals.length * 2 + 64);
      arrivals = Arrays.copyOf(arrivals, n);
      coveredMs = Arrays.copyOf(coveredMs, n);
      rateSum = Arrays.copyOf(rateSum, n);
      forecastSum = Arrays.copyOf(forecastSum, n);
      bufferSum = Arrays.copyOf(bufferSum, n);
    }

    /** Spreads the current figures over the slots from the last pass to {@code toMs}. */
    void holdUntil(long toMs) {
      long from = lastMs;
      lastMs = toMs;
      if (from < 0) {
        return;
      }
      while (from < toMs) {
        int s = slot(from);
        ensure(s);
        long end = Math.min(toMs, originMs + (s + 1) * ForecastSeries.SLOT_MS);
        double d = end - from;
        coveredMs[s] += d;
        rateSum[s] += rate * d;
        forecastSum[s] += forecast * d;
        bufferSum[s] += buffer * d;
        from = end;
      }
    }

    ForecastSeries series() {
      double[] r = new double[used];
      double[] f = new double[used];
      double[] b = new double[used];
      for (int s = 0; s < used; s++) {
        double c = coveredMs[s];
        r[s] = c > 0 ? rateSum[s] / c : Double.NaN;
        f[s] = c > 0 ? forecastSum[s] / c : Double.NaN;
        b[s] = c > 0 ? bufferSum[s] / c : Double.NaN;
      }
      return new ForecastSeries(pool, forecastWeeks, originMs, Arrays.copyOf(arrivals, used), r, f, b);
    }
  }
}
