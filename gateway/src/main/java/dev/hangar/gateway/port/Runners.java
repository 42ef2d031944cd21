package dev.hangar.gateway.port;

import io.vertx.core.Future;
import java.util.List;

/**
 * The self-hosted runners registered in the scope, as the scaling pass, the reconciler and
 * retirement see them: listed, found by name and removed.
 */
public interface Runners {

  /** All self-hosted runners of the scope. */
  Future<List<Runner>> listRunners();

  /**
   * The runner with this name (runner name = instance id), or null when there is none. The
   * default searches {@link #listRunners}; the REST adapter asks GitHub for that one name, so a
   * replica that did not register an instance finds its runner with one small call.
   */
  default Future<Runner> runnerNamed(String name) {
    return listRunners()
        .map(all -> all.stream().filter(r -> name.equals(r.name())).findFirst().orElse(null));
  }

  /**
   * Deletes a runner. Fails with {@link RunnerBusyException} when GitHub refuses because the
   * runner is running a job; succeeds when the runner is already gone.
   */
  Future<Void> deleteRunner(long runnerId);

  /** A registered self-hosted runner. */
  record Runner(long id, String name, String status, boolean busy, List<String> labels) {}

  /** GitHub refused to delete a runner because it is running a job. */
  final class RunnerBusyException extends RuntimeException {
    public RunnerBusyException(long runnerId) {
      super("runner " + runnerId + " is busy");
    }
  }
}
