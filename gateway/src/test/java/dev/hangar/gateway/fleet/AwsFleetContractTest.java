package dev.hangar.gateway.fleet;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.testing.FleetContract;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link AwsFleet} keeps the {@link Fleet} rules against moto. Moto has no lifecycle hooks; their
 * rule on the wire ({@code NoLifecycleAction}) is in {@link AwsFleetWireTest}.
 */
class AwsFleetContractTest extends FleetContract {
  static Vertx vertx;
  static AwsClients aws;
  AwsFleet fleet;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    aws = MotoAws.clients();
  }

  @AfterAll
  static void tearDown() throws Exception {
    aws.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void emptyAccount() {
    MotoPeer.reset();
    // A fresh adapter: it caches group bounds, and the groups are recreated with other bounds.
    fleet = new AwsFleet(vertx, aws.autoScaling(), aws.ec2());
  }

  @Override
  protected Fleet fleet() {
    return fleet;
  }

  @Override
  protected void createGroup(String asg, int min, int max) {
    MotoGroups.create(aws.ec2(), aws.autoScaling(), asg, min, max);
  }

  @Override
  protected List<String> launchInService(String asg, int n) {
    var before = await(fleet.describe(asg));
    Set<String> known = before.instances().stream().map(InstanceInfo::instanceId).collect(Collectors.toSet());
    await(fleet.setDesiredCapacity(asg, before.desiredCapacity() + n));
    return await(fleet.describe(asg)).instances().stream()
        .map(InstanceInfo::instanceId).filter(id -> !known.contains(id)).toList();
  }

  @Override
  protected boolean lifecycleActions() {
    return false;
  }
}
