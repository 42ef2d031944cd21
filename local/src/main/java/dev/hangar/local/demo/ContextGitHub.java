package dev.hangar.local.demo;

import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** The simulated GitHub, called on the simulation's context whatever context calls it. */
final class ContextGitHub implements GitHub {
  private final GitHub d;
  private final OnContext on;

  ContextGitHub(GitHub delegate, OnContext on) {
    this.d = delegate;
    this.on = on;
  }

  @Override
  public Future<JitConfig> generateJitConfig(String name, List<String> labels, long group, String work) {
    return on.call(() -> d.generateJitConfig(name, labels, group, work));
  }

  @Override
  public Future<List<Runner>> listRunners() {
    return on.call(d::listRunners);
  }

  @Override
  public Future<Void> deleteRunner(long runnerId) {
    return on.call(() -> d.deleteRunner(runnerId));
  }

  @Override
  public Future<Long> runnerGroupId(String name) {
    return on.call(() -> d.runnerGroupId(name));
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    return on.call(() -> d.job(repository, jobId));
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    return on.call(() -> d.rerunJob(repository, jobId));
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return on.call(() -> d.deliveriesSince(since));
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    return on.call(() -> d.redeliver(deliveryId));
  }

  @Override
  public Future<String> latestRunnerVersion() {
    return on.call(d::latestRunnerVersion);
  }
}
