package dev.hangar.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.port.Fleet.GroupState;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulated Auto Scaling follows the documented warm pool, hook and scale-in behaviour. */
class SimAwsTest {
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");
  private final VirtualClock clock = new VirtualClock(T0);
  private final SimParams p = SimParams.defaults();
  private final SimAws aws = new SimAws(clock, p);
  private final List<String> seen = new ArrayList<>();

  private Map<String, Integer> states(String asg) {
    GroupState g = aws.describe(asg).result();
    Map<String, Integer> m = new TreeMap<>();
    for (InstanceInfo i : g.instances()) {
      m.merge(i.lifecycle().awsName(), 1, Integer::sum);
    }
    return m;
  }

  private void completeHooks() {
    aws.listen((i, state) -> {
      seen.add(state);
      if (state.endsWith(":Wait")) {
        clock.after(1, () -> aws.completeLifecycleAction(i.group.asg, SimAws.LAUNCH_HOOK, i.id, "CONTINUE"));
      }
    });
  }

  @Test
  void newWarmPoolInstancesWarmUpThenStop() {
    completeHooks();
    aws.addGroup("warm", "linux", false, 10, null);
    aws.putWarmPool("warm", new WarmPoolSpec(2, 2, "Stopped"));
    assertEquals(Map.of("Warmed:Pending", 2), states("warm"));
    clock.runUntil(clock.nowMs() + (long) ((p.coldBootSeconds() + 0.5) * 1000));
    assertEquals(Map.of("Warmed:Pending:Wait", 2), states("warm"));
    clock.runUntil(clock.nowMs() + 2_000);
    assertEquals(Map.of("Warmed:Pending:Proceed", 2), states("warm"));
    clock.runUntil(clock.nowMs() + (long) (p.stopSeconds() * 1000));
    assertEquals(Map.of("Warmed:Stopped", 2), states("warm"));
    assertEquals(2, aws.describe("warm").result().warmPool().size());
  }

  @Test
  void raisingDesiredStartsWarmInstancesFirstAndRefillsThePool() {
    completeHooks();
    aws.addGroup("warm", "linux", false, 10, new WarmPoolSpec(1, 1, "Stopped"));
    aws.setDesiredCapacity("warm", 2);
    // One warm start, one cold launch, and a new instance to keep the pool at one.
    assertEquals(Map.of("Pending", 2, "Warmed:Pending", 1), states("warm"));
    clock.runUntil(clock.nowMs() + (long) ((p.startFromStoppedSeconds() + 1.5) * 1000));
    assertEquals(1, states("warm").getOrDefault("InService", 0), "the warm start is in service first");
    clock.runUntil(clock.nowMs() + 60_000);
    assertEquals(2, states("warm").get("InService"));
  }

  @Test
  void aLaunchHookNobodyCompletesIsAbandonedAtItsTimeout() {
    aws.addGroup("spot", "linux", false, 10, null);
    aws.setDesiredCapacity("spot", 1);
    clock.runUntil(clock.nowMs() + (long) ((p.coldBootSeconds() + 1) * 1000));
    assertEquals(Map.of("Pending:Wait", 1), states("spot"));
    clock.runUntil(clock.nowMs() + (long) (p.hookTimeoutSeconds() * 1000) - 2_000);
    assertEquals(Map.of("Pending:Wait", 1), states("spot"), "still waiting just before the timeout");
    clock.runUntil(clock.nowMs() + 3_000);
    // Abandoned and terminated; desired is unchanged, so the group launches a replacement.
    assertEquals(Map.of("Pending", 1), states("spot"));
  }

  @Test
  void lowerDesiredTerminatesOnlyUnprotectedInstances() {
    completeHooks();
    aws.addGroup("g", "linux", false, 10, null);
    aws.setDesiredCapacity("g", 3);
    clock.runUntil(clock.nowMs() + 120_000);
    List<String> ids = aws.describe("g").result().instances().stream().map(InstanceInfo::instanceId).toList();
    aws.setInstanceProtection("g", List.of(ids.get(0)), false);
    aws.setDesiredCapacity("g", 0);
    GroupState after = aws.describe("g").result();
    assertEquals(2, after.instances().size(), "protected instances stay");
    assertTrue(after.instances().stream().allMatch(InstanceInfo::protectedFromScaleIn));
  }

  @Test
  void spotGroupsRefuseWarmPools() {
    aws.addGroup("spot", "linux", true, 10, null);
    assertTrue(aws.putWarmPool("spot", new WarmPoolSpec(1, 1, "Stopped")).failed());
  }

  @Test
  void capacityErrorsAreFailedScalingActivitiesRetriedLater() {
    SimAws stormy =
        new SimAws(clock, p.withStorms(List.of(new SimParams.SpotStorm(0.0, 0.05, 0.0, true))));
    stormy.addGroup("spot", "linux", true, 10, null);
    stormy.setDesiredCapacity("spot", 2);
    assertEquals(0, stormy.describe("spot").result().instances().size());
    assertEquals(1, stormy.failuresSince("spot", T0).result().size());
    clock.runUntil(clock.nowMs() + 4 * 60_000); // the storm (3 minutes) is over by the retry
    assertEquals(2, stormy.describe("spot").result().instances().size());
    assertTrue(stormy.failuresSince("spot", T0).result().size() >= 2);
  }
}
