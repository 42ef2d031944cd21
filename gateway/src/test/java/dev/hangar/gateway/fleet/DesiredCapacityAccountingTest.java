package dev.hangar.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.InstanceLifecycle;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;

/** Which instances a group's desired capacity counts, decided from AWS's lifecycle states. */
class DesiredCapacityAccountingTest {
  private static AutoScalingGroup group(int desired, int min, String... states) {
    return AutoScalingGroup.builder().desiredCapacity(desired).minSize(min)
        .instances(Arrays.stream(states).map(s -> Instance.builder().lifecycleState(s).build()).toList())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pending", "Pending:Wait", "Pending:Proceed", "InService"})
  void liveStatesCount(String state) {
    assertTrue(InstanceLifecycle.parse(state).countsTowardDesired());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Standby", "EnteringStandby", "Terminating", "Terminating:Wait", "Terminated",
      "Detaching", "Detached", "Warmed:Stopped", "Warmed:Pending"})
  void statesOutsideDesiredCapacityDoNot(String state) {
    assertFalse(InstanceLifecycle.parse(state).countsTowardDesired());
  }

  @Test
  void everyStateTheSdkNamesIsParsed() {
    for (LifecycleState s : LifecycleState.knownValues()) {
      assertNotEquals(InstanceLifecycle.UNKNOWN, InstanceLifecycle.parse(s.toString()), s.toString());
    }
  }

  @Test
  void aStandbyInstanceDoesNotMakeDesiredLookAlreadyLowered() {
    // desired 1 = the idle instance being retired; the Standby one is outside desired capacity.
    assertTrue(AwsFleet.stillCounted(group(1, 0, "InService", "Standby")));
  }

  @Test
  void desiredBelowTheLiveInstancesIsAlreadyLowered() {
    assertFalse(AwsFleet.stillCounted(group(1, 0, "InService", "InService")));
  }

  @Test
  void desiredAtTheMinimumIsNeverDecremented() {
    assertFalse(AwsFleet.stillCounted(group(1, 1, "InService")));
  }
}
