package dev.hangar.gateway.retire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.retire.RunnerRetirement.Outcome;
import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one retirement: delete on GitHub first, terminate with decrement only then. */
class RunnerRetirementTest {
  private final List<String> calls = new ArrayList<>();
  private final Set<Long> busy = new HashSet<>();
  private final Set<String> instances = new HashSet<>(Set.of("i-0a", "i-0b"));
  private RuntimeException gitHubDown;

  /**
   * GitHub as the port documents it: deleting a busy runner fails with RunnerBusyException,
   * deleting one already gone succeeds.
   */
  private final GitHub github = port(GitHub.class, (name, args) -> {
    if (!name.equals("deleteRunner")) {
      throw new UnsupportedOperationException(name);
    }
    long id = (Long) args[0];
    calls.add("deleteRunner " + id);
    if (gitHubDown != null) {
      return Future.failedFuture(gitHubDown);
    }
    return busy.contains(id) ? Future.failedFuture(new GitHub.RunnerBusyException(id)) : Future.succeededFuture();
  });

  /** Auto Scaling: terminating an instance it does not know is a validation error. */
  private final Fleet fleet = port(Fleet.class, (name, args) -> {
    if (!name.equals("terminateInstance")) {
      throw new UnsupportedOperationException(name);
    }
    calls.add("terminateInstance " + args[0] + " " + args[1]);
    return instances.remove((String) args[0])
        ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("ValidationError: instance not found"));
  });

  private final RunnerRetirement retirement = new RunnerRetirement(fleet, github);

  private interface Call {
    Object on(String method, Object[] args);
  }

  private static <T> T port(Class<T> type, Call call) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, m, args) -> call.on(m.getName(), args)));
  }

  private static <T> T result(Future<T> f) {
    assertTrue(f.succeeded(), String.valueOf(f.cause()));
    return f.result();
  }

  @Test
  void deletesTheRunnerThenTerminatesWithDecrement() {
    assertEquals(Outcome.RETIRED, result(retirement.retire("i-0a", 7L, InstanceLifecycle.IN_SERVICE)));
    assertEquals(List.of("deleteRunner 7", "terminateInstance i-0a true"), calls);
  }

  @Test
  void anInstanceWithoutRunnerIsOnlyTerminated() {
    assertEquals(Outcome.RETIRED, result(retirement.retire("i-0a", null, InstanceLifecycle.PENDING_WAIT)));
    assertEquals(List.of("terminateInstance i-0a true"), calls);
  }

  @Test
  void aBusyRunnerIsLeftAloneAndNothingIsTerminated() {
    busy.add(7L);
    assertEquals(Outcome.BUSY, result(retirement.retire("i-0a", 7L, InstanceLifecycle.IN_SERVICE)));
    assertEquals(List.of("deleteRunner 7"), calls);
  }

  @Test
  void anInstanceAlreadyLeavingOrUnknownIsNotTerminatedAgain() {
    assertEquals(Outcome.GONE, result(retirement.retire("i-0a", 7L, InstanceLifecycle.TERMINATING_WAIT)));
    assertEquals(Outcome.GONE, result(retirement.retire("i-0b", null, null)));
    assertEquals(List.of("deleteRunner 7"), calls);
  }

  @Test
  void otherGitHubFailuresFailAndTerminateNothing() {
    gitHubDown = new IllegalStateException("502");
    Future<Outcome> f = retirement.retire("i-0a", 7L, InstanceLifecycle.IN_SERVICE);
    assertTrue(f.failed());
    assertEquals(List.of("deleteRunner 7"), calls);
  }

  @Test
  void aFailedTerminationFails() {
    assertTrue(retirement.retire("i-0gone", 7L, InstanceLifecycle.IN_SERVICE).failed());
    assertEquals(List.of("deleteRunner 7", "terminateInstance i-0gone true"), calls);
  }

  @Test
  void anOrphanRunnerIsDeletedUnlessBusy() {
    busy.add(8L);
    assertEquals(Outcome.GONE, result(retirement.deleteOrphan(7L)));
    assertEquals(Outcome.BUSY, result(retirement.deleteOrphan(8L)));
    assertEquals(List.of("deleteRunner 7", "deleteRunner 8"), calls);
  }
}
