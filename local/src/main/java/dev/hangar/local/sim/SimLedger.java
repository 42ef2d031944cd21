package dev.hangar.local.sim;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.JobTransitions;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Ledger for the simulator: the domain's {@link JobTransitions} fold, keeping only open jobs so
 * that a month-long trace stays fast. Single-threaded, completes synchronously.
 */
final class SimLedger implements Ledger {
  private final Map<String, LinkedHashMap<Long, Job>> open = new HashMap<>();
  private final Map<Long, String> poolOf = new HashMap<>();
  private final Set<String> registrations = new HashSet<>();
  private final Map<Long, Integer> retries = new HashMap<>();

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    LinkedHashMap<Long, Job> jobs = open.computeIfAbsent(pool, p -> new LinkedHashMap<>());
    Job current = jobs.get(event.jobId());
    Job next =
        current == null ? JobTransitions.start(pool, event) : JobTransitions.apply(current, event);
    if (next.status() == JobStatus.COMPLETED) {
      jobs.remove(event.jobId());
      poolOf.remove(event.jobId());
    } else {
      jobs.put(event.jobId(), next);
      poolOf.put(event.jobId(), pool);
    }
    return Future.succeededFuture(next);
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    LinkedHashMap<Long, Job> jobs = open.get(pool);
    return Future.succeededFuture(jobs == null ? List.of() : new ArrayList<>(jobs.values()));
  }

  @Override
  public Future<Job> job(long jobId) {
    String pool = poolOf.get(jobId);
    if (pool == null) {
      return Future.failedFuture(new NoSuchElementException("job " + jobId));
    }
    return Future.succeededFuture(open.get(pool).get(jobId));
  }

  @Override
  public Future<Boolean> claimRegistration(String instanceId, String launchId) {
    return Future.succeededFuture(registrations.add(instanceId + "/" + launchId));
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    return job(jobId);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    Integer prev = retries.get(jobId);
    if (prev != null && prev >= retry) {
      return Future.succeededFuture(false);
    }
    retries.put(jobId, retry);
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }
}
