package dev.hangar.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet.GroupState;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/** {@link AwsFleet} against moto's Auto Scaling and EC2 (for the calls moto implements). */
class AwsFleetMotoTest {
  static Vertx vertx;
  static AwsClients aws;
  static AutoScalingAsyncClient autoscaling;
  static Ec2AsyncClient ec2;
  static AwsFleet fleet;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    aws = MotoAws.clients();
    autoscaling = aws.autoScaling();
    ec2 = aws.ec2();
    fleet = new AwsFleet(vertx, autoscaling, ec2);
  }

  @AfterAll
  static void tearDown() throws Exception {
    autoscaling.close();
    ec2.close();
    aws.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void group() {
    MotoPeer.reset();
    MotoGroups.create(ec2, autoscaling, "runners", 0, 5);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void describesAnEmptyGroup() {
    GroupState g = await(fleet.describe("runners"));
    assertEquals("runners", g.asg());
    assertEquals(0, g.minSize());
    assertEquals(5, g.maxSize());
    assertEquals(0, g.desiredCapacity());
    assertEquals(List.of(), g.instances());
    assertNull(g.warmPool());
  }

  @Test
  void anUnknownGroupIsNoSuchElement() {
    assertInstanceOf(NoSuchElementException.class, failure(fleet.describe("nope")));
  }

  @Test
  void desiredCapacityLaunchesInstancesWithLaunchTimes() {
    await(fleet.setDesiredCapacity("runners", 2));
    GroupState g = await(fleet.describe("runners"));
    assertEquals(2, g.desiredCapacity());
    assertEquals(2, g.instances().size());
    for (InstanceInfo i : g.instances()) {
      assertEquals("runners", i.asg());
      assertEquals(InstanceLifecycle.IN_SERVICE, i.lifecycle());
      assertEquals("t3.micro", i.instanceType());
      assertNotNull(i.launchTime());
    }
  }

  @Test
  void desiredCapacityStaysWithinTheGroupsBounds() {
    await(fleet.setDesiredCapacity("runners", 99));
    assertEquals(5, await(fleet.describe("runners")).desiredCapacity());
    await(fleet.setDesiredCapacity("runners", -3));
    assertEquals(0, await(fleet.describe("runners")).desiredCapacity());
  }

  @Test
  void warmPoolIsCreatedAndDescribed() {
    await(fleet.putWarmPool("runners", new WarmPoolSpec(2, 3, "Stopped")));
    GroupState g = await(fleet.describe("runners"));
    assertNotNull(g.warmPool());
    assertEquals(2, g.warmPool().minSize());
    assertEquals(3, g.warmPool().maxGroupPreparedCapacity());
    assertEquals("Stopped", g.warmPool().poolState());
  }

  @Test
  void protectionIsSetAndCleared() {
    await(fleet.setDesiredCapacity("runners", 2));
    List<String> ids = await(fleet.describe("runners")).instances().stream().map(InstanceInfo::instanceId).toList();
    await(fleet.setInstanceProtection("runners", ids, true));
    assertTrue(await(fleet.describe("runners")).instances().stream().allMatch(InstanceInfo::protectedFromScaleIn));
    await(fleet.setInstanceProtection("runners", ids.subList(0, 1), false));
    Map<String, Boolean> p =
        await(fleet.describe("runners")).instances().stream()
            .collect(Collectors.toMap(InstanceInfo::instanceId, InstanceInfo::protectedFromScaleIn));
    assertFalse(p.get(ids.get(0)));
    assertTrue(p.get(ids.get(1)));
  }

  @Test
  void terminatingWithDecrementLowersDesiredCapacity() {
    await(fleet.setDesiredCapacity("runners", 2));
    String victim = await(fleet.describe("runners")).instances().get(0).instanceId();
    await(fleet.terminateInstance(victim, true));
    GroupState g = await(fleet.describe("runners"));
    assertEquals(1, g.desiredCapacity());
    assertTrue(g.instances().stream().noneMatch(i -> i.instanceId().equals(victim) && i.lifecycle().inService()));
  }

  @Test
  void retiringAProtectedInstanceAfterDesiredWasLoweredLeavesDesiredAlone() {
    await(fleet.setDesiredCapacity("runners", 1));
    String busy = await(fleet.describe("runners")).instances().get(0).instanceId();
    await(fleet.setInstanceProtection("runners", List.of(busy), true));
    // The job completed: the reconciler lowers demand to 0 before the agent retires.
    await(fleet.setDesiredCapacity("runners", 0));
    await(fleet.terminateInstance(busy, true));
    GroupState g = await(fleet.describe("runners"));
    assertEquals(0, g.desiredCapacity(), "desired must not drop below the group's minimum");
    assertTrue(g.instances().stream().noneMatch(i -> i.instanceId().equals(busy) && i.lifecycle().inService()));
  }

  @Test
  void retiringBesideAStandbyInstanceLowersDesiredAndLaunchesNoReplacement() {
    await(fleet.setDesiredCapacity("runners", 2));
    List<String> ids = await(fleet.describe("runners")).instances().stream().map(InstanceInfo::instanceId).toList();
    // An operator parks one instance for debugging; the group now wants one instance.
    await(Future.fromCompletionStage(autoscaling.enterStandby(r -> r.autoScalingGroupName("runners")
        .instanceIds(ids.get(0)).shouldDecrementDesiredCapacity(true))));
    assertEquals(1, await(fleet.describe("runners")).desiredCapacity());
    await(fleet.terminateInstance(ids.get(1), true));
    GroupState g = await(fleet.describe("runners"));
    assertEquals(0, g.desiredCapacity(), "the retired instance leaves the group's capacity with it");
    assertEquals(List.of(ids.get(0)), g.instances().stream()
        .filter(i -> !i.lifecycle().leaving()).map(InstanceInfo::instanceId).toList(),
        "only the Standby instance is left: nothing replaces the retired one");
  }

  @Test
  void instanceTellsItsGroupAndState() {
    await(fleet.setDesiredCapacity("runners", 1));
    String id = await(fleet.describe("runners")).instances().get(0).instanceId();
    InstanceInfo i = await(fleet.instance(id));
    assertEquals(id, i.instanceId());
    assertEquals("runners", i.asg());
    assertEquals(InstanceLifecycle.IN_SERVICE, i.lifecycle());
    assertNotNull(i.launchTime());
    assertNull(await(fleet.instance("i-0000000000000dead")));
  }

  @Test
  void tagsAreWrittenToTheInstance() throws Exception {
    await(fleet.setDesiredCapacity("runners", 1));
    String id = await(fleet.describe("runners")).instances().get(0).instanceId();
    await(fleet.tagInstance(id, Map.of("hangar:repository", "octo-org/app", "hangar:job", "42")));
    var tags =
        ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id))).get(10, TimeUnit.SECONDS).tags();
    Map<String, String> byKey =
        tags.stream().collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a));
    assertEquals("octo-org/app", byKey.get("hangar:repository"));
    assertEquals("42", byKey.get("hangar:job"));
  }

  @Test
  void failuresSinceListsNoFailuresOfAHealthyGroup() {
    await(fleet.setDesiredCapacity("runners", 1));
    assertEquals(List.of(), await(fleet.failuresSince("runners", Instant.now().minusSeconds(600))));
  }

  @Test
  void resultsComeBackOnTheCallersContext() throws Exception {
    var ctx = vertx.getOrCreateContext();
    var thread = new java.util.concurrent.CompletableFuture<Boolean>();
    ctx.runOnContext(
        v ->
            fleet.describe("runners")
                .onComplete(ar -> thread.complete(io.vertx.core.Vertx.currentContext() == ctx)));
    assertTrue(thread.get(30, TimeUnit.SECONDS));
  }
}
