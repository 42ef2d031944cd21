package dev.hangar.gateway.port;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * Durable record of jobs (and, for registration, runner instances). Shared by all gateway
 * replicas in production (DynamoDB with conditional writes); in memory locally.
 */
public interface Ledger {

  /**
   * Folds the event into the job's record (see {@code JobTransitions}); idempotent and
   * order-independent. Returns the job as stored after the event.
   */
  Future<Job> apply(String pool, JobEvent event);

  /** Jobs of the pool that are not completed (waiting, queued or in progress). */
  Future<List<Job>> openJobs(String pool);

  /** One job, or a failed future with {@link java.util.NoSuchElementException}. */
  Future<Job> job(long jobId);

  /**
   * Claims the one registration allowed for an instance launch. True for the first caller,
   * false for every later one (also across gateway replicas).
   */
  Future<Boolean> claimRegistration(String instanceId, String launchId);

  /** Counts a spot interruption reported for the runner of this job; returns the job after. */
  Future<Job> markInterrupted(long jobId);

  /**
   * Claims re-run number {@code retry} (1, 2, ...) of a job: true for exactly one caller, so
   * several replicas never re-run the same job twice.
   */
  Future<Boolean> claimRetry(long jobId, int retry);

  /** Succeeds when the ledger is reachable (for readiness). */
  Future<Void> ping();
}
