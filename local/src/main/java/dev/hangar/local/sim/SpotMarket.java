package dev.hangar.local.sim;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Spot behaviour of the simulated groups: interruptions (a background rate plus storms, with a
 * two-minute notice before AWS reclaims the instance) and capacity errors during storms.
 */
final class SpotMarket {
  private final VirtualClock clock;
  private final SimParams params;
  private final Random random;
  private final Consumer<SimInstance> reclaim;
  private final List<SimAws.Listener> listeners;

  SpotMarket(
      VirtualClock clock, SimParams params, Consumer<SimInstance> reclaim,
      List<SimAws.Listener> listeners) {
    this.clock = clock;
    this.params = params;
    this.random = new Random(params.seed());
    this.reclaim = reclaim;
    this.listeners = listeners;
  }


  void scheduleInterruption(SimInstance i) {
    double maxRate = params.spotInterruptionsPerInstanceHour();
    for (SimParams.SpotStorm s : params.spotStorms()) {
      maxRate = Math.max(maxRate, params.spotInterruptionsPerInstanceHour() + s.interruptionsPerInstanceHour());
    }
    if (maxRate <= 0) {
      return;
    }
    // Thinning: candidate times at the peak rate, accepted in proportion to the rate then.
    long t = clock.nowMs();
    long horizon = t + 48 * 3_600_000L;
    while (t < horizon) {
      t += (long) (-Math.log(1 - random.nextDouble()) / maxRate * 3_600_000L);
      if (random.nextDouble() * maxRate <= interruptionRateAt(t)) {
        long noticeAt = t;
        clock.at(noticeAt, () -> notice(i));
        return;
      }
    }
  }

  private void notice(SimInstance i) {
    if (!i.alive() || i.noticed || !i.inGroup()) {
      return;
    }
    i.noticed = true;
    i.group.interruptions++;
    for (SimAws.Listener l : listeners) {
      l.onSpotNotice(i);
    }
    clock.after(
        params.spotNoticeSeconds(),
        () -> {
          if (i.alive()) {
            reclaim.accept(i);
          }
        });
  }

  private double interruptionRateAt(long ms) {
    double rate = params.spotInterruptionsPerInstanceHour();
    for (SimParams.SpotStorm s : params.spotStorms()) {
      if (inStorm(s, ms)) {
        rate += s.interruptionsPerInstanceHour();
      }
    }
    return rate;
  }

  boolean capacityErrorAt(long ms) {
    for (SimParams.SpotStorm s : params.spotStorms()) {
      if (s.capacityErrors() && inStorm(s, ms)) {
        return true;
      }
    }
    return false;
  }

  private boolean inStorm(SimParams.SpotStorm s, long ms) {
    double h = (ms - clock.startMs()) / 3_600_000.0;
    return h >= s.startHour() && h < s.startHour() + s.hours();
  }
}
