package dev.hangar.gateway.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the ledger knows about one job: the merge of every event seen for it.
 *
 * @param jobId GitHub job id
 * @param pool the pool the job was matched to
 * @param status furthest status seen
 * @param labels job labels
 * @param repository {@code owner/repo}
 * @param runId workflow run id
 * @param runAttempt run attempt
 * @param runnerName runner that took the job, null before in_progress
 * @param conclusion conclusion once completed
 * @param createdAt when GitHub queued the job
 * @param startedAt when it started on a runner
 * @param completedAt when it completed
 * @param interruptions how often the runner of this job reported a spot interruption
 * @param retries how often Hangar has re-run the job after an interruption
 */
public record Job(
    long jobId,
    String pool,
    JobStatus status,
    List<String> labels,
    String repository,
    long runId,
    int runAttempt,
    String runnerName,
    String conclusion,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    int interruptions,
    int retries) {

  public Job {
    labels = List.copyOf(labels);
  }
}
