package dev.hangar.gateway.testing;

import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * A test {@link GitHub} that passes every call to a real one; tests override the calls they bend.
 * The port's default methods are not forwarded, so they see the overridden calls.
 */
public abstract class ForwardingGitHub implements GitHub {
  protected final GitHub real;

  protected ForwardingGitHub(GitHub real) {
    this.real = real;
  }

  @Override
  public Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder) {
    return real.generateJitConfig(runnerName, labels, runnerGroupId, workFolder);
  }

  @Override
  public Future<List<Runner>> listRunners() {
    return real.listRunners();
  }

  @Override
  public Future<Void> deleteRunner(long runnerId) {
    return real.deleteRunner(runnerId);
  }

  @Override
  public Future<Long> runnerGroupId(String name) {
    return real.runnerGroupId(name);
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    return real.job(repository, jobId);
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    return real.rerunJob(repository, jobId);
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return real.deliveriesSince(since);
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    return real.redeliver(deliveryId);
  }

  @Override
  public Future<String> latestRunnerVersion() {
    return real.latestRunnerVersion();
  }
}
