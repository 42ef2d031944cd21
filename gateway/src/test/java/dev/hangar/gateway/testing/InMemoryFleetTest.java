package dev.hangar.gateway.testing;

import dev.hangar.gateway.port.Fleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory double keeps the {@link Fleet} rules. */
class InMemoryFleetTest extends FleetContract {
  private final AtomicInteger ids = new AtomicInteger();
  private InMemoryFleet fleet;

  @BeforeEach
  void fresh() {
    fleet = new InMemoryFleet();
  }

  @Override
  protected Fleet fleet() {
    return fleet;
  }

  @Override
  protected void createGroup(String asg, int min, int max) {
    fleet.group(asg, min, max);
  }

  @Override
  protected List<String> launchInService(String asg, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      String id = String.format("i-%017x", ids.incrementAndGet());
      fleet.add(asg, id, "InService", false, Instant.now());
      out.add(id);
    }
    return out;
  }

  @Override
  protected String pendLaunchAction(String asg, String hook) {
    String id = String.format("i-%017x", ids.incrementAndGet());
    fleet.add(asg, id, "Pending:Wait", false, Instant.now());
    fleet.pending(id, hook);
    return id;
  }
}
