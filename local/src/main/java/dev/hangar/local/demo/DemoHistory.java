package dev.hangar.local.demo;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.local.sim.Simulation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's time series since it started, kept by the gateway's process so that a page opened
 * late still shows the whole run: capacity per tier (running, warm pool), waiting jobs, and
 * cost so far of Hangar and of the cold-per-job baseline replaying the same jobs. Touched only
 * on the simulation's context.
 */
final class DemoHistory {
  /** Pickup histogram bin edges in seconds; the last bin is open. */
  static final double[] BINS = {0, 5, 10, 20, 30, 45, 60, 90, 120};

  private final List<Pool> pools;
  private final List<Long> times = new ArrayList<>();
  private final Map<String, List<Integer>> series = new LinkedHashMap<>();
  private final List<Double> cost = new ArrayList<>();
  private final List<Double> baselineCost = new ArrayList<>();

  DemoHistory(List<Pool> pools) {
    this.pools = pools;
  }

  /** Records one point at the simulation's current virtual time. */
  void sample(Simulation sim, Simulation baseline) {
    Simulation.Progress p = sim.live();
    times.add(sim.clock().nowMs());
    int index = times.size() - 1;
    for (Pool pool : pools) {
      for (var t : pool.tiers()) {
        int running = 0;
        int warm = 0;
        for (var i : sim.fleet().describe(t.asg()).result().instances()) {
          if (i.lifecycle().inWarmPool()) {
            warm++;
          } else {
            running++;
          }
        }
        put(t.asg() + " running", index, running);
        if (t.warmPool() != null) {
          put(t.asg() + " warm pool", index, warm);
        }
      }
    }
    put("waiting jobs", index, p.queued());
    cost.add(round(p.cost()));
    baselineCost.add(round(baseline.live().cost()));
  }

  private void put(String name, int index, int value) {
    List<Integer> values = series.computeIfAbsent(name, k -> new ArrayList<>());
    while (values.size() < index) {
      values.add(0);
    }
    values.add(value);
  }

  /** Everything recorded, plus pickup histograms of both runs as they stand. */
  JsonObject json(Simulation sim, Simulation baseline) {
    JsonObject s = new JsonObject();
    series.forEach((k, v) -> s.put(k, new JsonArray(new ArrayList<>(v))));
    Simulation.Progress hangar = sim.live();
    Simulation.Progress cold = baseline.live();
    return new JsonObject()
        .put("times", new JsonArray(new ArrayList<>(times)))
        .put("series", s)
        .put("costUsd", new JsonArray(new ArrayList<>(cost)))
        .put("baselineCostUsd", new JsonArray(new ArrayList<>(baselineCost)))
        .put("baseline", "cold-per-job")
        .put("baselinePickupP95", cold.pickup(0.95))
        .put("histogramBinsSeconds", new JsonArray(java.util.Arrays.stream(BINS).boxed().toList()))
        .put("pickupHistogram", histogram(hangar.pickups()))
        .put("baselinePickupHistogram", histogram(cold.pickups()));
  }

  static JsonArray histogram(double[] pickups) {
    int[] counts = new int[BINS.length];
    for (double x : pickups) {
      int b = BINS.length - 1;
      while (b > 0 && x < BINS[b]) {
        b--;
      }
      counts[b]++;
    }
    JsonArray out = new JsonArray();
    for (int c : counts) {
      out.add(c);
    }
    return out;
  }

  private static double round(double usd) {
    return Math.round(usd * 10_000) / 10_000.0;
  }
}
