package dev.hangar.local.sim;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import java.time.Instant;
import java.util.Set;

/** One attempt of a trace job inside the simulated GitHub. */
final class SimJob {
  final int traceIndex;
  final TraceJob trace;
  final long jobId;
  final int attempt;
  final long queuedMs;
  final String pool;
  final Set<String> labels;
  long startedMs = -1;
  long completedMs = -1;
  SimGitHub.SimRunner runner;
  boolean failed;

  SimJob(int traceIndex, TraceJob trace, long jobId, int attempt, long queuedMs, String pool, Set<String> labels) {
    this.traceIndex = traceIndex;
    this.trace = trace;
    this.jobId = jobId;
    this.attempt = attempt;
    this.queuedMs = queuedMs;
    this.pool = pool;
    this.labels = labels;
  }

  /** The webhook GitHub would send for this attempt moving to {@code status} at {@code now}. */
  JobEvent event(JobStatus status, Instant now) {
    String repo = trace.repository() == null ? "sim/repo" : trace.repository();
    String owner = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : repo;
    Instant startedAt = startedMs < 0 ? null : Instant.ofEpochMilli(startedMs);
    Instant completedAt = status == JobStatus.COMPLETED ? now : null;
    return new JobEvent(
        jobId, jobId, attempt, status, trace.labels(), repo, owner, null, null,
        runner == null ? null : runner.name,
        status == JobStatus.COMPLETED ? (failed ? "failure" : "success") : null,
        Instant.ofEpochMilli(queuedMs), startedAt, completedAt);
  }
}
