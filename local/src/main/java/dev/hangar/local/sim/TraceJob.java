package dev.hangar.local.sim;

import java.time.Instant;
import java.util.List;

/**
 * One line of a job trace (JSONL).
 *
 * @param queuedAt when GitHub queued the job
 * @param labels the job's {@code runs-on} labels
 * @param durationSeconds how long the job runs once it has a runner
 * @param repository {@code owner/repo}
 */
public record TraceJob(Instant queuedAt, List<String> labels, double durationSeconds, String repository) {
  public TraceJob {
    labels = List.copyOf(labels);
  }
}
