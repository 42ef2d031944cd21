package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of the ledger the agent API uses, with the production semantics: one registration
 * claim per (instance, launch), interruptions counted per job. Jobs are seeded by the test.
 */
final class TestLedger implements Ledger {
  final Set<String> claims = ConcurrentHashMap.newKeySet();
  final Map<Long, Job> jobs = new ConcurrentHashMap<>();

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    return Future.succeededFuture(
        jobs.values().stream()
            .filter(j -> j.pool().equals(pool) && j.status() != dev.hangar.gateway.domain.JobStatus.COMPLETED)
            .toList());
  }

  @Override
  public Future<Job> job(long jobId) {
    Job j = jobs.get(jobId);
    return j == null ? Future.failedFuture(new NoSuchElementException()) : Future.succeededFuture(j);
  }

  @Override
  public Future<Boolean> claimRegistration(String instanceId, String launchId) {
    return Future.succeededFuture(claims.add(instanceId + "/" + launchId));
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    Job j = jobs.computeIfPresent(jobId, (id, o) -> new Job(
        o.jobId(), o.pool(), o.status(), o.labels(), o.repository(), o.runId(), o.runAttempt(),
        o.runnerName(), o.conclusion(), o.createdAt(), o.startedAt(), o.completedAt(),
        o.interruptions() + 1, o.retries()));
    return j == null ? Future.failedFuture(new NoSuchElementException()) : Future.succeededFuture(j);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }
}
