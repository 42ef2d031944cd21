package dev.hangar.gateway.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The GitHub REST API calls Hangar makes, as the configured GitHub App installation. The scope
 * (organization, or {@code owner/repo} for repository runners) comes from configuration.
 */
public interface GitHub {

  /** Creates a just-in-time runner and returns its encoded JIT config (a secret). */
  Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder);

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

  /** Resolves a runner group by name. */
  Future<Long> runnerGroupId(String name);

  /** One workflow job as GitHub knows it now. */
  Future<JobSnapshot> job(String repository, long jobId);

  /** Re-runs one job (and the jobs that depend on it). */
  Future<Void> rerunJob(String repository, long jobId);

  /** App webhook deliveries since {@code since}, newest first. */
  Future<List<Delivery>> deliveriesSince(Instant since);

  /**
   * Failed app webhook deliveries (status code 400-599) since {@code since}, newest first. The
   * default filters {@link #deliveriesSince}; the REST adapter asks GitHub to filter, so the
   * cost does not grow with the number of successful deliveries.
   */
  default Future<List<Delivery>> failedDeliveriesSince(Instant since) {
    return deliveriesSince(since)
        .map(all -> all.stream().filter(d -> d.statusCode() >= 400).toList());
  }

  /** Asks GitHub to redeliver one webhook delivery. */
  Future<Void> redeliver(long deliveryId);

  /** The newest release version of {@code actions/runner}, e.g. {@code 2.321.0}. */
  Future<String> latestRunnerVersion();

  /** A just-in-time runner as created by GitHub. */
  record JitConfig(long runnerId, String runnerName, String encodedJitConfig) {
    @Override
    public String toString() {
      return "JitConfig[runnerId=" + runnerId + ", runnerName=" + runnerName + ", encoded=***]";
    }
  }

  /** A registered self-hosted runner. */
  record Runner(long id, String name, String status, boolean busy, List<String> labels) {}

  /** A job as returned by {@code GET /repos/{owner}/{repo}/actions/jobs/{job_id}}. */
  record JobSnapshot(
      long id, long runId, String status, String conclusion, List<String> labels,
      String runnerName, Instant createdAt, Instant startedAt, Instant completedAt) {}

  /** A webhook delivery of the app. */
  record Delivery(
      long id, String guid, Instant deliveredAt, boolean redelivery, String status,
      int statusCode, String event, String action) {}

  /** GitHub refused to delete a runner because it is running a job. */
  final class RunnerBusyException extends RuntimeException {
    public RunnerBusyException(long runnerId) {
      super("runner " + runnerId + " is busy");
    }
  }
}
