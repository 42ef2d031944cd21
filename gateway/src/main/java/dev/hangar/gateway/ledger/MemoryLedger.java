package dev.hangar.gateway.ledger;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.JobTransitions;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.Ledger.RegistrationClaim;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ledger of one gateway process, for local mode, the demo and tests. Safe to share between
 * event loops; it keeps completed jobs for the life of the process (nothing expires them).
 */
public final class MemoryLedger implements Ledger {
  private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
  /** Per instance launch, the highest registration sequence claimed. */
  private final Map<String, Integer> registrations = new ConcurrentHashMap<>();

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    Job after =
        jobs.compute(
            event.jobId(),
            (id, current) ->
                current == null
                    ? JobTransitions.start(pool, event)
                    : JobTransitions.apply(current, event));
    return Future.succeededFuture(after);
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    return Future.succeededFuture(
        jobs.values().stream()
            .filter(j -> j.pool().equals(pool) && j.status() != JobStatus.COMPLETED)
            .sorted(Comparator.comparingLong(Job::jobId))
            .toList());
  }

  @Override
  public Future<Job> job(long jobId) {
    Job j = jobs.get(jobId);
    return j == null ? Future.failedFuture(unknown(jobId)) : Future.succeededFuture(j);
  }

  @Override
  public Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence) {
    AtomicReference<RegistrationClaim> outcome = new AtomicReference<>();
    registrations.compute(
        instanceId + "#" + launchId,
        (key, last) -> {
          int claimed = last == null ? 0 : last;
          outcome.set(RegistrationClaim.judge(claimed, sequence));
          return outcome.get() == RegistrationClaim.CLAIMED ? Integer.valueOf(sequence) : last;
        });
    return Future.succeededFuture(outcome.get());
  }

  @Override
  public Future<Void> releaseRegistration(String instanceId, String launchId, int sequence) {
    registrations.computeIfPresent(
        instanceId + "#" + launchId,
        (key, last) -> last != sequence ? last : sequence == 1 ? null : sequence - 1);
    return Future.succeededFuture();
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    Job after = jobs.computeIfPresent(jobId, (id, j) -> withCounts(j, j.interruptions() + 1, j.retries()));
    return after == null ? Future.failedFuture(unknown(jobId)) : Future.succeededFuture(after);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    AtomicBoolean claimed = new AtomicBoolean();
    Job after =
        jobs.computeIfPresent(
            jobId,
            (id, j) -> {
              if (j.retries() >= retry) {
                return j;
              }
              claimed.set(true);
              return withCounts(j, j.interruptions(), retry);
            });
    return after == null ? Future.failedFuture(unknown(jobId)) : Future.succeededFuture(claimed.get());
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  private static Job withCounts(Job j, int interruptions, int retries) {
    return new Job(
        j.jobId(), j.pool(), j.status(), j.labels(), j.repository(), j.runId(), j.runAttempt(),
        j.runnerName(), j.conclusion(), j.createdAt(), j.startedAt(), j.completedAt(),
        interruptions, retries);
  }

  static NoSuchElementException unknown(long jobId) {
    return new NoSuchElementException("job " + jobId + " is not in the ledger");
  }
}
