package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.JobTransitions;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Ledger for the simulator: the domain's {@link JobTransitions} fold, with open jobs indexed per
 * pool so that the scaling pass of a month-long trace reads only those; completed jobs are kept
 * apart, so late events and counts follow the same rules as every ledger. Single-threaded,
 * completes synchronously.
 */
final class SimLedger implements Ledger {
  private final Map<String, LinkedHashMap<Long, Job>> open = new HashMap<>();
  private final Map<Long, Job> completed = new HashMap<>();
  /** Per instance launch, the highest registration sequence claimed. */
  private final Map<String, Integer> registrations = new HashMap<>();

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    Job current = stored(event.jobId());
    Job next =
        current == null ? JobTransitions.start(pool, event) : JobTransitions.apply(current, event);
    store(next);
    return Future.succeededFuture(next);
  }

  private Job stored(long jobId) {
    Job done = completed.get(jobId);
    if (done != null) {
      return done;
    }
    for (LinkedHashMap<Long, Job> jobs : open.values()) {
      Job j = jobs.get(jobId);
      if (j != null) {
        return j;
      }
    }
    return null;
  }

  private void store(Job j) {
    LinkedHashMap<Long, Job> jobs = open.computeIfAbsent(j.pool(), p -> new LinkedHashMap<>());
    if (j.status() == JobStatus.COMPLETED) {
      jobs.remove(j.jobId());
      completed.put(j.jobId(), j);
    } else {
      jobs.put(j.jobId(), j);
    }
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    LinkedHashMap<Long, Job> jobs = open.get(pool);
    return Future.succeededFuture(jobs == null ? List.of() : new ArrayList<>(jobs.values()));
  }

  @Override
  public Future<Job> job(long jobId) {
    Job j = stored(jobId);
    return j == null
        ? Future.failedFuture(new NoSuchElementException("job " + jobId))
        : Future.succeededFuture(j);
  }

  @Override
  public Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence) {
    String key = instanceId + "/" + launchId;
    RegistrationClaim claim = RegistrationClaim.judge(registrations.getOrDefault(key, 0), sequence);
    if (claim == RegistrationClaim.CLAIMED) {
      registrations.put(key, sequence);
    }
    return Future.succeededFuture(claim);
  }

  @Override
  public Future<Void> releaseRegistration(String instanceId, String launchId, int sequence) {
    registrations.computeIfPresent(instanceId + "/" + launchId,
        (k, last) -> last != sequence ? last : sequence == 1 ? null : sequence - 1);
    return Future.succeededFuture();
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    Job j = stored(jobId);
    if (j == null) {
      return Future.failedFuture(new NoSuchElementException("job " + jobId));
    }
    Job after = withCounts(j, j.interruptions() + 1, j.retries());
    store(after);
    return Future.succeededFuture(after);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    Job j = stored(jobId);
    if (j == null) {
      return Future.failedFuture(new NoSuchElementException("job " + jobId));
    }
    if (j.retries() >= retry) {
      return Future.succeededFuture(false);
    }
    store(withCounts(j, j.interruptions(), retry));
    return Future.succeededFuture(true);
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
}
