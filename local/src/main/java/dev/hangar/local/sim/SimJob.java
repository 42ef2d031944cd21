package dev.hangar.local.sim;

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
}
