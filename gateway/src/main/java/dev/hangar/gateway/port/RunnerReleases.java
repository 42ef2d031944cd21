package dev.hangar.gateway.port;

import io.vertx.core.Future;

/** The releases of {@code actions/runner}, for telling agents how far behind their runner is. */
public interface RunnerReleases {

  /** The newest release version of {@code actions/runner}, e.g. {@code 2.321.0}. */
  Future<String> latestRunnerVersion();
}
