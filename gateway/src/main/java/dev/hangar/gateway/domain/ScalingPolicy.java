package dev.hangar.gateway.domain;

import dev.hangar.gateway.domain.ScalePlan.Reason;
import dev.hangar.gateway.domain.ScalePlan.Retirement;
import dev.hangar.gateway.domain.ScalePlan.TierPlan;
import dev.hangar.gateway.domain.ScalePlan.WarmPoolPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure scaling policy: turns one pool's demand and supply into a {@link ScalePlan}.
 *
 * <p>The pool wants {@code busy + queued + buffer} instances (capped at {@code maxRunners}),
 * where the idle buffer is {@code max(minIdle, arrivals per minute x arrivalBufferMinutes)}.
 * Missing ones come first from instances already waiting in warm pools (seconds away), then are
 * cold-launched across tiers by weight, with spot tiers left out while the spot breaker is
 * open; at most {@code maxLaunchesPerMinute} per minute. Surplus idle runners are retired once
 * idle for {@code idleTimeoutSeconds}, on-demand tiers first; busy runners never are. Instances
 * whose runner did not come online within {@code bootTimeoutSeconds} are replaced.
 */
public final class ScalingPolicy {

  /** The plan for one pool at {@code in.now()}. */
  public ScalePlan plan(ScalingInput in) {
    Pool pool = in.pool();
    ScalingConfig cfg = pool.scaling();
    Instant now = in.now();
    Knobs knobs = Knobs.at(pool, now);
    boolean breakerOpen = SpotBreaker.isOpen(in.spotTrouble(), now, cfg.spotBreaker());
    List<TierObservation> obs = in.tiers();
    int n = obs.size();

    List<Retirement> retire = new ArrayList<>();
    int[] live = new int[n];
    int[] inflight = new int[n];
    int[] warmReady = new int[n];
    int busy = 0;
    int idle = 0;
    int fastBooting = 0;
    int fastInflight = 0;
    int supply = 0;
    int launchedLastMinute = 0;
    long bootTimeoutMs = cfg.bootTimeoutSeconds() * 1000L;
    long warmLeadMs = cfg.warmStartLeadSeconds() * 1000L;
    Instant minuteAgo = now.minusSeconds(60);
    for (int t = 0; t < n; t++) {
      TierObservation o = obs.get(t);
      for (InstanceView i : o.instances()) {
        RunnerState s = i.state();
        if (s == RunnerState.WARM) {
          warmReady[t]++;
          continue;
        }
        if (!TierObservation.isLive(s)) {
          continue;
        }
        live[t]++;
        if (i.launchedAt() != null && i.launchedAt().isAfter(minuteAgo)) {
          launchedLastMinute++;
        }
        // since = launch, or (runner reuse) when the instance last lost its runner.
        Instant bootStart = i.since() != null ? i.since() : i.launchedAt();
        if (s == RunnerState.BOOTING
            && bootStart != null
            && now.toEpochMilli() - bootStart.toEpochMilli() >= bootTimeoutMs) {
          retire.add(new Retirement(i.instanceId(), o.tier().asg(), Reason.BOOT_TIMEOUT));
          continue;
        }
        if (s == RunnerState.BUSY) {
          busy++;
        } else if (s == RunnerState.IDLE) {
          idle++;
        } else if (o.tier().kind() == TierKind.WARM
            || (i.launchedAt() != null
                && now.toEpochMilli() - i.launchedAt().toEpochMilli() >= warmLeadMs)) {
          fastBooting++;
        }
        supply++;
      }
      // Capacity asked for but not launched yet (group lag, or failing spot launches).
      inflight[t] = Math.max(0, o.desiredCapacity() - live[t]);
      if (breakerOpen && o.tier().kind() == TierKind.SPOT) {
        inflight[t] = 0;
      }
      if (o.tier().kind() == TierKind.WARM) {
        fastInflight += inflight[t];
      }
    }
    int[] desired = new int[n];
    for (int t = 0; t < n; t++) {
      desired[t] = live[t] - retiredIn(retire, obs.get(t).tier().asg()) + inflight[t];
    }
    int inflightTotal = sum(inflight);
    // The forecast leads the recent rate into a ramp-up; the recent rate is the floor when
    // today is busier than the weeks before.
    boolean forecasting = cfg.forecastWeeks() > 0;
    double rate =
        forecasting ? Math.max(in.arrivalsPerMinute(), in.forecastPerMinute()) : in.arrivalsPerMinute();
    int buffer = bufferFor(rate, knobs.minIdle, cfg);
    int target = Math.min(pool.maxRunners(), busy + in.queuedJobs() + buffer);
    // Idle runners are kept for the half hour's peak rate: bursts come back, and a runner
    // retired in the lull between two costs a boot (and a slow pickup) to replace.
    int keep =
        Math.min(
            pool.maxRunners(),
            busy + in.queuedJobs()
                + bufferFor(Math.max(rate, in.peakArrivalsPerMinute()), knobs.minIdle, cfg));
    int need = target - supply - inflightTotal;
    int allowed = Math.max(0, cfg.maxLaunchesPerMinute() - launchedLastMinute - inflightTotal);
    int total = sum(desired);

    // Queued jobs that no idle runner or warm start is on its way for are urgent: they get
    // instances from warm pools (seconds) even when slower cold launches are already booting;
    // whichever runner is ready first takes the job, the other one refills the idle buffer.
    int urgent = Math.max(0, in.queuedJobs() - idle - fastBooting - fastInflight);
    int warmTake = Math.min(Math.min(urgent, allowed), pool.maxRunners() - total);
    int[] alloc = new int[n];
    for (int t = 0; t < n && warmTake > 0; t++) {
      if (obs.get(t).tier().kind() == TierKind.WARM) {
        int take = Math.min(warmTake, Math.max(0, warmReady[t] - inflight[t]));
        alloc[t] += take;
        warmTake -= take;
      }
    }
    int taken = sum(alloc);
    if (need > 0) {
      int add = Math.min(need - taken, allowed - taken);
      add = Math.min(add, pool.maxRunners() - total - taken);
      if (add > 0) {
        int[] split = splitCold(obs, add, breakerOpen);
        for (int t = 0; t < n; t++) {
          alloc[t] += split[t];
        }
      }
      for (int t = 0; t < n; t++) {
        desired[t] += alloc[t];
      }
    } else {
      for (int t = 0; t < n; t++) {
        desired[t] += alloc[t];
      }
      int surplus = -need + taken;
      int capacity = supply + inflightTotal + taken;
      // Cancel capacity not launched yet before retiring anything that exists.
      for (int t = n - 1; t >= 0 && surplus > 0; t--) {
        int cancel = Math.min(surplus, inflight[t]);
        desired[t] -= cancel;
        surplus -= cancel;
        capacity -= cancel;
      }
      if (in.queuedJobs() == 0) {
        // With jobs queued an idle runner is about to get one: never retire it then.
        retireIdle(obs, now, cfg, Math.min(surplus, capacity - keep), retire, desired);
      }
    }

    List<TierPlan> plans = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      Tier tier = obs.get(t).tier();
      WarmPoolPlan warm = null;
      if (tier.kind() == TierKind.WARM) {
        int size = knobs.warmPoolSize(tier);
        if (forecasting) {
          // A cold boot takes about a minute: the warm pool covers a minute of forecast arrivals.
          size = Math.max(size, (int) Math.ceil(rate - 1e-9));
        }
        // MinSize = MaxGroupPreparedCapacity = size keeps the pool at size whatever the
        // desired capacity (AWS sizes it max(MinSize, MaxPrepared - desired)).
        warm = new WarmPoolPlan(size, size, tier.warmPool().state());
      }
      plans.add(new TierPlan(tier.asg(), Math.max(0, desired[t]), warm));
    }
    return new ScalePlan(pool.name(), plans, retire, target, knobs.minIdle, breakerOpen);
  }

  private static int bufferFor(double perMinute, int minIdle, ScalingConfig cfg) {
    return Math.max(minIdle, (int) Math.ceil(perMinute * cfg.arrivalBufferMinutes() - 1e-9));
  }

  /** Spreads cold launches by weight; spot tiers sit out while the breaker is open. */
  private static int[] splitCold(List<TierObservation> obs, int add, boolean breakerOpen) {
    int n = obs.size();
    int[] weights = new int[n];
    boolean any = false;
    for (int t = 0; t < n; t++) {
      Tier tier = obs.get(t).tier();
      boolean eligible = !(breakerOpen && tier.kind() == TierKind.SPOT);
      weights[t] = eligible ? tier.weight() : 0;
      any |= weights[t] > 0;
    }
    if (!any) {
      // Fallback: every on-demand tier when the breaker is open, else every tier; a pool with
      // spot tiers only keeps using them.
      for (int t = 0; t < n; t++) {
        TierKind kind = obs.get(t).tier().kind();
        weights[t] = (!breakerOpen || kind == TierKind.WARM) ? 1 : 0;
        any |= weights[t] > 0;
      }
      if (!any) {
        java.util.Arrays.fill(weights, 1);
      }
    }
    return splitByWeight(add, weights);
  }

  /** Largest-remainder split of {@code total} by weight; ties go to the earlier tier. */
  static int[] splitByWeight(int total, int[] weights) {
    int n = weights.length;
    long sum = 0;
    for (int w : weights) {
      sum += w;
    }
    int[] out = new int[n];
    if (sum == 0 || total == 0) {
      return out;
    }
    long[] rem = new long[n];
    int given = 0;
    for (int t = 0; t < n; t++) {
      long share = (long) total * weights[t];
      out[t] = (int) (share / sum);
      rem[t] = share % sum;
      given += out[t];
    }
    while (given < total) {
      int best = -1;
      for (int t = 0; t < n; t++) {
        if (weights[t] > 0 && (best < 0 || rem[t] > rem[best])) {
          best = t;
        }
      }
      out[best]++;
      rem[best] = -1;
      given++;
    }
    return out;
  }

  private static void retireIdle(
      List<TierObservation> obs,
      Instant now,
      ScalingConfig cfg,
      int surplus,
      List<Retirement> retire,
      int[] desired) {
    if (surplus <= 0) {
      return;
    }
    long timeoutMs = cfg.idleTimeoutSeconds() * 1000L;
    record Candidate(int tier, InstanceView view, boolean onDemand) {}
    List<Candidate> idle = new ArrayList<>();
    for (int t = 0; t < obs.size(); t++) {
      TierObservation o = obs.get(t);
      for (InstanceView i : o.instances()) {
        if (i.state() == RunnerState.IDLE
            && i.since() != null
            && now.toEpochMilli() - i.since().toEpochMilli() >= timeoutMs) {
          idle.add(new Candidate(t, i, o.tier().kind() == TierKind.WARM));
        }
      }
    }
    // On-demand runners cost more than spot ones: retire them first, longest idle first.
    idle.sort(
        Comparator.comparing((Candidate c) -> !c.onDemand())
            .thenComparing(c -> c.view().since())
            .thenComparing(c -> c.view().instanceId()));
    for (Candidate c : idle) {
      if (surplus == 0) {
        break;
      }
      retire.add(
          new Retirement(c.view().instanceId(), obs.get(c.tier()).tier().asg(), Reason.IDLE));
      desired[c.tier()]--;
      surplus--;
    }
  }

  private static int retiredIn(List<Retirement> retire, String asg) {
    int n = 0;
    for (Retirement r : retire) {
      if (r.asg().equals(asg)) {
        n++;
      }
    }
    return n;
  }

  private static int sum(int[] a) {
    int s = 0;
    for (int v : a) {
      s += v;
    }
    return s;
  }

  /** minIdle and warm pool sizes in effect at one instant (the first active schedule wins). */
  record Knobs(int minIdle, Integer warmOverride) {
    static Knobs at(Pool pool, Instant now) {
      Integer minIdle = null;
      Integer warm = null;
      for (Schedule s : pool.scaling().schedules()) {
        if (s.activeAt(now)) {
          if (minIdle == null) {
            minIdle = s.minIdle();
          }
          if (warm == null) {
            warm = s.warmPoolSize();
          }
        }
      }
      return new Knobs(minIdle == null ? pool.minIdle() : minIdle, warm);
    }

    int warmPoolSize(Tier tier) {
      return warmOverride != null ? warmOverride : tier.warmPool().size();
    }
  }
}
