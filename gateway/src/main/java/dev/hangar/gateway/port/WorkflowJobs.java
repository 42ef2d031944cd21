package dev.hangar.gateway.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Workflow jobs as GitHub knows them, for correcting stale jobs and re-running interrupted ones. */
public interface WorkflowJobs {

  /** One workflow job as GitHub knows it now. */
  Future<JobSnapshot> job(String repository, long jobId);

  /** Re-runs one job (and the jobs that depend on it). */
  Future<Void> rerunJob(String repository, long jobId);

  /** A job as returned by {@code GET /repos/{owner}/{repo}/actions/jobs/{job_id}}. */
  record JobSnapshot(
      long id, long runId, String status, String conclusion, List<String> labels,
      String runnerName, Instant createdAt, Instant startedAt, Instant completedAt) {}
}
