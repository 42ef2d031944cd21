package dev.hangar.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides, from one snapshot of GitHub's runners and the pools' instances, which runners are
 * orphans and which instances to retire. Runners are Hangar's only when named like an EC2
 * instance id and labelled with all of a pool's labels, so other self-hosted runners of the
 * organization are never touched; busy runners and instances in warm pools never are either. An
 * instance gets its pool's {@code bootTimeoutSeconds} to register, the same limit the scaling
 * policy applies, so the two never disagree about when a boot has failed.
 */
public final class RunnerSweep {
  static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-f]{8,17}$");

  /** A self-hosted runner as GitHub lists it. */
  public record Runner(long id, String name, boolean offline, boolean busy, List<String> labels) {}

  /** An instance of one of a pool's groups. */
  public record Instance(String instanceId, InstanceLifecycle lifecycle, Instant launchTime) {}

  /** Instances of one pool, across its tiers. */
  public record PoolInstances(Pool pool, List<Instance> instances) {}

  /** One corrective action. {@code runnerId} is null when the instance has no runner. */
  public record Action(Kind kind, String pool, String instanceId, Long runnerId, String runnerName) {}

  /** The actions, and the sightings to pass to the next sweep. */
  public record Plan(List<Action> actions, FirstSeen<String> sightings) {}

  /** What to do. */
  public enum Kind {
    /** Delete a runner whose instance no longer exists. */
    DELETE_ORPHAN,
    /** Delete the instance's runner (if any), then terminate the instance. */
    RETIRE_UNREGISTERED,
    RETIRE_OFFLINE
  }

  private RunnerSweep() {}

  /**
   * The sweep at {@code now}. An instance leaving a warm pool keeps its old launch time, so only a
   * condition observed (in {@code sightings}) for the whole boot timeout justifies retiring it.
   */
  public static Plan plan(
      List<Runner> runners,
      List<PoolInstances> pools,
      Instant now,
      FirstSeen<String> sightings) {
    List<Action> actions = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (PoolInstances p : pools) {
      p.instances().forEach(i -> known.add(i.instanceId()));
    }
    Map<String, Runner> byName = new HashMap<>();
    for (Runner r : runners) {
      if (r.name() != null) {
        byName.put(r.name(), r);
      }
    }
    for (Runner r : runners) {
      Pool owner = ownerPool(r, pools);
      if (owner == null || known.contains(r.name()) || r.busy()) {
        continue;
      }
      actions.add(new Action(Kind.DELETE_ORPHAN, owner.name(), r.name(), r.id(), r.name()));
    }
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (PoolInstances p : pools) {
      Duration bootTimeout = Duration.ofSeconds(p.pool().scaling().bootTimeoutSeconds());
      for (Instance i : p.instances()) {
        if (!i.lifecycle().inService()) {
          continue;
        }
        Runner r = byName.get(i.instanceId());
        if (r == null) {
          candidates.put("unregistered:" + i.instanceId(), new Candidate(i, bootTimeout,
              new Action(Kind.RETIRE_UNREGISTERED, p.pool().name(), i.instanceId(), null, null)));
        } else if (r.offline() && !r.busy()) {
          candidates.put("offline:" + i.instanceId(), new Candidate(i, bootTimeout,
              new Action(Kind.RETIRE_OFFLINE, p.pool().name(), i.instanceId(), r.id(), r.name())));
        }
      }
    }
    FirstSeen<String> seen = sightings.observe(candidates.keySet(), now);
    candidates.forEach((key, c) -> {
      if (heldFor(c.instance(), seen.since(key), now, c.bootTimeout())) {
        actions.add(c.action());
      }
    });
    return new Plan(List.copyOf(actions), seen);
  }

  private record Candidate(Instance instance, Duration bootTimeout, Action action) {}

  private static boolean heldFor(Instance i, Instant since, Instant now, Duration bootTimeout) {
    boolean bootedLongAgo =
        i.launchTime() == null || !i.launchTime().plus(bootTimeout).isAfter(now);
    return bootedLongAgo && !since.plus(bootTimeout).isAfter(now);
  }

  /** The pool whose labels the runner carries, when it is named like an instance; else null. */
  static Pool ownerPool(Runner r, List<PoolInstances> pools) {
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
