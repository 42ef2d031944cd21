package dev.hangar.gateway.retire;

import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Runners;
import io.vertx.core.Future;

/**
 * Retires a runner instance, the one way every caller does: the runner is deleted on GitHub
 * first, which GitHub refuses while it runs a job (so a busy runner is never killed); only then is
 * the instance terminated, lowering its group's desired capacity so that nothing replaces it.
 * Idempotent: a runner already deleted counts as deleted, so several replicas may retire at once.
 */
public final class RunnerRetirement {

  /** How a retirement ended; any other failure fails the future. */
  public enum Outcome {
    /** Runner deleted (or there was none) and the instance terminated with decrement. */
    RETIRED,
    /** GitHub refused to delete the runner because it runs a job: nothing was terminated. */
    BUSY,
    /** Runner deleted (or there was none); the instance was already gone or leaving. */
    GONE
  }

  private final Fleet fleet;
  private final Runners github;

  public RunnerRetirement(Fleet fleet, Runners github) {
    this.fleet = fleet;
    this.github = github;
  }

  /**
   * Retires {@code instanceId}.
   *
   * @param runnerId its runner on GitHub, or null when it has none
   * @param lifecycle its lifecycle state, or null when the fleet does not know the instance
   */
  public Future<Outcome> retire(String instanceId, Long runnerId, InstanceLifecycle lifecycle) {
    return deleteRunner(runnerId)
        .compose(
            deleted -> {
              if (!deleted) {
                return Future.succeededFuture(Outcome.BUSY);
              }
              if (lifecycle == null || lifecycle.leaving()) {
                return Future.succeededFuture(Outcome.GONE);
              }
              return fleet.terminateInstance(instanceId, true).map(Outcome.RETIRED);
            });
  }

  /** Deletes a runner whose instance no longer exists: {@link Outcome#GONE} or BUSY. */
  public Future<Outcome> deleteOrphan(long runnerId) {
    return deleteRunner(runnerId).map(deleted -> deleted ? Outcome.GONE : Outcome.BUSY);
  }

  /** True when deleted (or there is none), false when GitHub refused because it is busy. */
  private Future<Boolean> deleteRunner(Long runnerId) {
    if (runnerId == null) {
      return Future.succeededFuture(true);
    }
    return github
        .deleteRunner(runnerId)
        .map(true)
        .recover(
            e ->
                e instanceof Runners.RunnerBusyException
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e));
  }
}
