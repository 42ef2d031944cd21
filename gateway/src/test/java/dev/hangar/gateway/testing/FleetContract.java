package dev.hangar.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.GroupState;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rules of the {@link Fleet} port, as documented on it and as EC2 Auto Scaling behaves; every
 * fleet (AWS on moto, the simulator, the in-memory double) runs them by extending this class. A
 * fleet whose backend lacks a feature (moto has no lifecycle hooks) opts out of its rules.
 */
public abstract class FleetContract {
  protected static final String ASG = "contract-group";

  /** The fleet under test, over a backend where {@link #createGroup} made the groups. */
  protected abstract Fleet fleet();

  /** Creates group {@code asg} with these bounds, desired at {@code min} (its instances launched). */
  protected abstract void createGroup(String asg, int min, int max);

  /** Makes {@code n} more instances of the group InService (desired rises by n); their ids. */
  protected abstract List<String> launchInService(String asg, int n);

  /**
   * Puts a launch lifecycle action of {@code hook} pending on a new instance; its id. Only called
   * when {@link #lifecycleActions()} is true.
   */
  protected String pendLaunchAction(String asg, String hook) {
    throw new UnsupportedOperationException();
  }

  /** False when the backend does not model lifecycle hooks (their rules are then skipped). */
  protected boolean lifecycleActions() {
    return true;
  }

  /** False when the backend's groups cannot have a minimum above zero. */
  protected boolean minimumAboveZero() {
    return true;
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  private GroupState describe() {
    return await(fleet().describe(ASG));
  }

  private InstanceInfo info(String id) {
    return describe().instances().stream().filter(i -> i.instanceId().equals(id)).findFirst().orElse(null);
  }

  @Test
  void anUnknownGroupCannotBeDescribed() {
    createGroup(ASG, 0, 5);
    assertTrue(fleet().describe("no-such-group").toCompletionStage().toCompletableFuture()
        .handle((ok, err) -> err != null).join());
  }

  @Test
  void describeReportsBoundsDesiredAndInstancesWithTheirLifecycle() {
    createGroup(ASG, 0, 5);
    List<String> ids = launchInService(ASG, 2);
    GroupState g = describe();
    assertEquals(ASG, g.asg());
    assertEquals(0, g.minSize());
    assertEquals(5, g.maxSize());
    assertEquals(2, g.desiredCapacity());
    for (String id : ids) {
      InstanceInfo i = info(id);
      assertNotNull(i, id);
      assertEquals(ASG, i.asg());
      assertEquals(InstanceLifecycle.IN_SERVICE, i.lifecycle());
      assertNotNull(i.launchTime());
    }
  }

  @Test
  void desiredCapacityIsClampedToTheGroupsBounds() {
    createGroup(ASG, 0, 5);
    await(fleet().setDesiredCapacity(ASG, 99));
    assertEquals(5, describe().desiredCapacity());
    await(fleet().setDesiredCapacity(ASG, -3));
    assertEquals(0, describe().desiredCapacity());
  }

  @Test
  void desiredCapacityNeverGoesBelowAMinimumAboveZero() {
    assumeTrue(minimumAboveZero(), "groups without a minimum");
    createGroup(ASG, 1, 5);
    await(fleet().setDesiredCapacity(ASG, 0));
    assertEquals(1, describe().desiredCapacity());
  }

  @Test
  void terminatingWithDecrementLowersDesiredByOne() {
    createGroup(ASG, 0, 5);
    List<String> ids = launchInService(ASG, 2);
    await(fleet().terminateInstance(ids.get(0), true));
    assertEquals(1, describe().desiredCapacity());
    InstanceInfo gone = info(ids.get(0));
    assertTrue(gone == null || gone.lifecycle().leaving(), "the instance leaves the group");
  }

  @Test
  void terminatingWithoutDecrementKeepsDesired() {
    createGroup(ASG, 0, 5);
    List<String> ids = launchInService(ASG, 2);
    await(fleet().terminateInstance(ids.get(0), false));
    assertEquals(2, describe().desiredCapacity());
  }

  @Test
  void desiredAlreadyLoweredBelowTheInstancesIsNotDecrementedAgain() {
    createGroup(ASG, 0, 5);
    List<String> ids = launchInService(ASG, 2);
    await(fleet().setInstanceProtection(ASG, ids, true));
    // The scaling pass lowered demand first; the protected instances stay until retired.
    await(fleet().setDesiredCapacity(ASG, 1));
    await(fleet().terminateInstance(ids.get(0), true));
    assertEquals(1, describe().desiredCapacity(), "desired no longer counted the retired instance");
  }

  @Test
  void terminatingWithDecrementNeverUndercutsTheMinimum() {
    assumeTrue(minimumAboveZero(), "groups without a minimum");
    createGroup(ASG, 1, 5);
    List<String> atMinimum = describe().instances().stream()
        .filter(i -> i.lifecycle().inService()).map(InstanceInfo::instanceId).toList();
    assertEquals(1, atMinimum.size(), "the group runs its minimum");
    await(fleet().terminateInstance(atMinimum.get(0), true));
    assertEquals(1, describe().desiredCapacity());
  }

  @Test
  void protectionIsSetAndCleared() {
    createGroup(ASG, 0, 5);
    List<String> ids = launchInService(ASG, 2);
    await(fleet().setInstanceProtection(ASG, ids, true));
    assertTrue(info(ids.get(0)).protectedFromScaleIn());
    assertTrue(info(ids.get(1)).protectedFromScaleIn());
    await(fleet().setInstanceProtection(ASG, ids.subList(0, 1), false));
    assertFalse(info(ids.get(0)).protectedFromScaleIn());
    assertTrue(info(ids.get(1)).protectedFromScaleIn());
  }

  @Test
  void instanceTellsItsGroupAndStateAndUnknownIsNull() {
    createGroup(ASG, 0, 5);
    String id = launchInService(ASG, 1).get(0);
    InstanceInfo i = await(fleet().instance(id));
    assertEquals(id, i.instanceId());
    assertEquals(ASG, i.asg());
    assertEquals(InstanceLifecycle.IN_SERVICE, i.lifecycle());
    assertNull(await(fleet().instance("i-0000000000000dead")));
  }

  @Test
  void warmPoolIsPutAndDescribed() {
    createGroup(ASG, 0, 5);
    await(fleet().putWarmPool(ASG, new WarmPoolSpec(0, 3, "Stopped")));
    GroupState g = describe();
    assertNotNull(g.warmPool());
    assertEquals(0, g.warmPool().minSize());
    assertEquals(3, g.warmPool().maxGroupPreparedCapacity());
    assertEquals("Stopped", g.warmPool().poolState());
  }

  @Test
  void aKnownInstanceCanBeTagged() {
    createGroup(ASG, 0, 5);
    String id = launchInService(ASG, 1).get(0);
    await(fleet().tagInstance(id, Map.of("hangar:job", "42")));
  }

  @Test
  void aHealthyGroupHasNoFailures() {
    createGroup(ASG, 0, 5);
    launchInService(ASG, 1);
    assertEquals(List.of(), await(fleet().failuresSince(ASG, Instant.EPOCH)));
  }

  @Test
  void completingALifecycleActionNobodyWaitsForIsNoLifecycleAction() {
    assumeTrue(lifecycleActions(), "backend without lifecycle hooks");
    createGroup(ASG, 0, 5);
    String id = launchInService(ASG, 1).get(0);
    assertInstanceOf(Fleet.NoLifecycleAction.class,
        failure(fleet().completeLifecycleAction(ASG, "hangar-launch", id, "CONTINUE")));
  }

  @Test
  void aPendingLifecycleActionCompletesOnceThenIsNoLifecycleAction() {
    assumeTrue(lifecycleActions(), "backend without lifecycle hooks");
    createGroup(ASG, 0, 5);
    String id = pendLaunchAction(ASG, "hangar-launch");
    await(fleet().completeLifecycleAction(ASG, "hangar-launch", id, "CONTINUE"));
    assertInstanceOf(Fleet.NoLifecycleAction.class,
        failure(fleet().completeLifecycleAction(ASG, "hangar-launch", id, "CONTINUE")));
  }
}
