package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides, from one snapshot of GitHub's runners and the pools' instances, which runners are
 * orphans and which instances to retire. Pure: the caller supplies the time and the sightings.
 * Runners are Hangar's only when named like an EC2 instance id and labelled with all of a
 * pool's labels, so other self-hosted runners of the organization are never touched; busy
 * runners and instances in warm pools never are either. An instance gets its pool's
 * {@code bootTimeoutSeconds} to register, the same limit the scaling policy applies, so the two
 * never disagree about when a boot has failed.
 */
final class RunnerSweep {
  static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-f]{8,17}$");

  /** One corrective action. {@code runnerId} is null when the instance has no runner. */
  record Action(Kind kind, String pool, String instanceId, Long runnerId, String runnerName) {}

  /** What to do. */
  enum Kind {
    /** Delete a runner whose instance no longer exists. */
    DELETE_ORPHAN,
    /** Delete the instance's runner (if any), then terminate the instance. */
    RETIRE_UNREGISTERED,
    RETIRE_OFFLINE
  }

  /** Instances of one pool, across its tiers. */
  record PoolInstances(Pool pool, List<Fleet.InstanceInfo> instances) {}

  private RunnerSweep() {}

  static List<Action> plan(
      List<GitHub.Runner> runners,
      List<PoolInstances> pools,
      Instant now,
      Sightings sightings) {
    List<Action> actions = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (PoolInstances p : pools) {
      p.instances().forEach(i -> known.add(i.instanceId()));
    }
    Map<String, GitHub.Runner> byName = new HashMap<>();
    for (GitHub.Runner r : runners) {
      if (r.name() != null) {
        byName.put(r.name(), r);
      }
    }
    for (GitHub.Runner r : runners) {
      Pool owner = ownerPool(r, pools);
      if (owner == null || known.contains(r.name()) || r.busy()) {
        continue;
      }
      actions.add(new Action(Kind.DELETE_ORPHAN, owner.name(), r.name(), r.id(), r.name()));
    }
    Set<String> holding = new HashSet<>();
    for (PoolInstances p : pools) {
      Duration bootTimeout = Duration.ofSeconds(p.pool().scaling().bootTimeoutSeconds());
      for (Fleet.InstanceInfo i : p.instances()) {
        if (!"InService".equals(i.lifecycleState())) {
          continue;
        }
        boolean bootedLongAgo =
            i.launchTime() == null || !i.launchTime().plus(bootTimeout).isAfter(now);
        GitHub.Runner r = byName.get(i.instanceId());
        Kind kind;
        if (r == null) {
          kind = Kind.RETIRE_UNREGISTERED;
        } else if ("offline".equalsIgnoreCase(r.status()) && !r.busy()) {
          kind = Kind.RETIRE_OFFLINE;
        } else {
          continue;
        }
        String key = (r == null ? "unregistered:" : "offline:") + i.instanceId();
        holding.add(key);
        Instant since = sightings.seen(key, now);
        if (bootedLongAgo && !since.plus(bootTimeout).isAfter(now)) {
          actions.add(
              new Action(kind, p.pool().name(), i.instanceId(),
                  r == null ? null : r.id(), r == null ? null : r.name()));
        }
      }
    }
    sightings.retainOnly(holding);
    return actions;
  }

  /** The pool whose labels the runner carries, when it is named like an instance; else null. */
  static Pool ownerPool(GitHub.Runner r, List<PoolInstances> pools) {
    if (r.name() == null || !INSTANCE_ID.matcher(r.name()).matches()) {
      return null;
    }
    Set<String> labels = new HashSet<>();
    r.labels().forEach(l -> labels.add(l.toLowerCase(Locale.ROOT)));
    for (PoolInstances p : pools) {
      boolean all =
          !p.pool().labels().isEmpty()
              && p.pool().labels().stream()
                  .allMatch(l -> labels.contains(l.toLowerCase(Locale.ROOT)));
      if (all) {
        return p.pool();
      }
    }
    return null;
  }
}
