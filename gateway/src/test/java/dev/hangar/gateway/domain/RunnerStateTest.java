package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reading of (lifecycle state, runner) that both scaling passes use. */
class RunnerStateTest {
  private static final RunnerView ONLINE = new RunnerView(true, false);
  private static final RunnerView BUSY = new RunnerView(true, true);
  private static final RunnerView OFFLINE_BUSY = new RunnerView(false, true);

  @Test
  void everyStateWithEveryRunnerView() {
    for (InstanceLifecycle l : InstanceLifecycle.values()) {
      for (RunnerView v : List.of(RunnerView.NONE, ONLINE, BUSY, OFFLINE_BUSY)) {
        assertEquals(expected(l, v), RunnerState.of(l, v), l + " " + v);
      }
    }
  }

  /** The table written out by state family, independently of the implementation's order. */
  private static RunnerState expected(InstanceLifecycle l, RunnerView v) {
    String name = l.awsName();
    if (name.startsWith("Warmed:Pending")) {
      return RunnerState.WARMING;
    }
    if (List.of("Warmed:Stopped", "Warmed:Running", "Warmed:Hibernated").contains(name)) {
      return RunnerState.WARM;
    }
    if (name.startsWith("Warmed:") || name.startsWith("Terminat") || name.startsWith("Detach")
        || name.equals("Standby") || name.equals("EnteringStandby")) {
      return RunnerState.LEAVING;
    }
    if (v.busy()) {
      return RunnerState.BUSY;
    }
    return name.equals("InService") && v.online() ? RunnerState.IDLE : RunnerState.BOOTING;
  }

  @Test
  void standbyIsLeavingEvenWithABusyRunner() {
    assertEquals(RunnerState.LEAVING, RunnerState.of(InstanceLifecycle.STANDBY, BUSY));
    assertEquals(RunnerState.LEAVING, RunnerState.of(InstanceLifecycle.ENTERING_STANDBY, RunnerView.NONE));
  }

  @Test
  void withoutGitHubsViewAnInstanceInTheGroupIsAtBestBooting() {
    assertEquals(RunnerState.BOOTING, RunnerState.of(InstanceLifecycle.IN_SERVICE, RunnerView.NONE));
    assertEquals(RunnerState.BOOTING, RunnerState.of(InstanceLifecycle.PENDING_WAIT, RunnerView.NONE));
    assertEquals(RunnerState.BOOTING, RunnerState.of(InstanceLifecycle.UNKNOWN, RunnerView.NONE));
  }

  @Test
  void anOnlineRunnerIsIdleOnlyInService() {
    assertEquals(RunnerState.IDLE, RunnerState.of(InstanceLifecycle.IN_SERVICE, ONLINE));
    assertEquals(RunnerState.BOOTING, RunnerState.of(InstanceLifecycle.PENDING_PROCEED, ONLINE));
    assertEquals(RunnerState.BUSY, RunnerState.of(InstanceLifecycle.PENDING_PROCEED, OFFLINE_BUSY));
  }
}
