package dev.hangar.local.sim;

import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.testing.FleetContract;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The simulated Auto Scaling keeps the {@link Fleet} rules. Its groups have no minimum; launches
 * run on virtual time, with the launch hook completed as the agent would.
 */
class SimAwsContractTest extends FleetContract {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-07T10:00:00Z"));
  private final SimAws aws = new SimAws(clock, SimParams.defaults());
  private boolean agentsComplete = true;

  SimAwsContractTest() {
    aws.listen((i, state) -> {
      if (agentsComplete && state.endsWith(":Wait")) {
        clock.after(1, () -> aws.completeLifecycleAction(i.group.asg, SimAws.LAUNCH_HOOK, i.id, "CONTINUE"));
      }
    });
  }

  @Override
  protected Fleet fleet() {
    return aws;
  }

  @Override
  protected void createGroup(String asg, int min, int max) {
    Assumptions.assumeTrue(min == 0, "the simulator's groups have no minimum");
    aws.addGroup(asg, "linux", false, max, null);
  }

  @Override
  protected List<String> launchInService(String asg, int n) {
    Set<String> before = ids(asg);
    await(aws.setDesiredCapacity(asg, await(aws.describe(asg)).desiredCapacity() + n));
    clock.runUntil(clock.nowMs() + 300_000);
    return await(aws.describe(asg)).instances().stream()
        .filter(i -> i.lifecycle().inService())
        .map(InstanceInfo::instanceId).filter(id -> !before.contains(id)).toList();
  }

  @Override
  protected String pendLaunchAction(String asg, String hook) {
    agentsComplete = false;
    List<String> launched = launchInServiceOrWaiting(asg);
    return launched.get(0);
  }

  private List<String> launchInServiceOrWaiting(String asg) {
    Set<String> before = ids(asg);
    await(aws.setDesiredCapacity(asg, await(aws.describe(asg)).desiredCapacity() + 1));
    clock.runUntil(clock.nowMs() + 120_000);
    return await(aws.describe(asg)).instances().stream()
        .filter(i -> i.lifecycle().awsName().endsWith(":Wait"))
        .map(InstanceInfo::instanceId).filter(id -> !before.contains(id)).toList();
  }

  private Set<String> ids(String asg) {
    return await(aws.describe(asg)).instances().stream().map(InstanceInfo::instanceId).collect(Collectors.toSet());
  }
}
