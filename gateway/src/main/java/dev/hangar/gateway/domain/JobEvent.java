package dev.hangar.gateway.domain;

import java.time.Instant;
import java.util.List;

/**
 * A {@code workflow_job} webhook reduced to what Hangar needs.
 *
 * @param jobId GitHub's job id (unique across GitHub)
 * @param runId workflow run id
 * @param runAttempt the run attempt (re-runs create new job ids but keep the run id)
 * @param status the action of the event mapped to a status
 * @param labels the {@code runs-on} labels of the job, as sent
 * @param repository full name {@code owner/repo}
 * @param owner organization or user login that owns the repository
 * @param workflowName workflow name, may be null
 * @param jobName job name, may be null
 * @param runnerName runner that took the job (null until in_progress)
 * @param conclusion {@code success}, {@code failure}, {@code cancelled}... (null until completed)
 * @param createdAt when GitHub created (queued) the job, may be null
 * @param startedAt when a runner started the job, may be null
 * @param completedAt when the job completed, may be null
 */
public record JobEvent(
    long jobId,
    long runId,
    int runAttempt,
    JobStatus status,
    List<String> labels,
    String repository,
    String owner,
    String workflowName,
    String jobName,
    String runnerName,
    String conclusion,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt) {

  public JobEvent {
    labels = List.copyOf(labels);
  }
}
