package dev.hangar.local.sim;

import dev.hangar.gateway.domain.LabelMatcher;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The simulated groups each strategy runs on, per pool. */
final class GroupSetUp {
  private GroupSetUp() {}

  /** The groups of every pool, warm pools prefilled and fixed pools sized. */
  static Map<String, List<SimGroup>> groups(
      Strategy strategy, List<Pool> pools, SimAws aws, SimParams params,
      Map<String, Integer> fixedSizes, List<TraceJob> trace, LabelMatcher matcher) {
    Map<String, List<SimGroup>> groupsOfPool = new HashMap<>();
    for (Pool p : pools) {
      List<SimGroup> gs = new ArrayList<>();
      switch (strategy) {
        case HANGAR -> {
          for (Tier t : p.tiers()) {
            SimGroup g =
                aws.createGroup(t.asg(), p.name(), t.asg(), t.kind() == TierKind.SPOT, p.maxRunners());
            if (t.kind() == TierKind.WARM) {
              int size = t.warmPool().size();
              g.warmPool = new WarmPoolSpec(size, size, t.warmPool().state().awsName());
              aws.prefillWarmPool(g);
            }
            gs.add(g);
          }
        }
        case COLD_PER_JOB -> {
          boolean spot = p.tiers().stream().anyMatch(t -> t.kind() == TierKind.SPOT);
          gs.add(aws.createGroup(p.name() + "-cold-per-job", p.name(), "cold-per-job", spot, p.maxRunners()));
        }
        case FIXED_POOL -> {
          SimGroup g = aws.createGroup(p.name() + "-fixed", p.name(), "fixed", false, p.maxRunners());
          int size = fixedSizes.getOrDefault(p.name(),
              params.fixedSize() != null ? params.fixedSize() : FixedPool.concurrencyP95(trace, matcher, p));
          aws.setDesiredCapacity(g.asg, Math.min(size, p.maxRunners()));
          gs.add(g);
        }
      }
      groupsOfPool.put(p.name(), gs);
    }
    return groupsOfPool;
  }
}
