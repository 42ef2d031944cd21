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
   * Claims the first registration of an instance launch (sequence 1). True for the first caller,
   * false for every later one (also across gateway replicas).
   */
  default Future<Boolean> claimRegistration(String instanceId, String launchId) {
    return claimRegistration(instanceId, launchId, 1).map(c -> c == RegistrationClaim.CLAIMED);
  }

  /**
   * Claims registration number {@code sequence} (1, 2, ...) of an instance launch: {@link
   * RegistrationClaim#CLAIMED} for exactly one caller and only when {@code sequence} is the
   * launch's next one (1 first, then each after the one before), also across gateway replicas.
   */
  Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence);

  /**
   * Gives back registration {@code sequence} of a launch that this caller claimed and for which
   * certainly no runner was made (GitHub refused before creating one), so the agent can retry
   * it. Does nothing when a later registration was claimed meanwhile.
   */
  Future<Void> releaseRegistration(String instanceId, String launchId, int sequence);

  /** The outcome of {@link #claimRegistration(String, String, int)}. */
  enum RegistrationClaim {
    /** This caller owns the registration. */
    CLAIMED,
    /** The registration (or a later one) was claimed before. */
    TAKEN,
    /** An earlier registration of the launch was never claimed: not the next one. */
    OUT_OF_ORDER;

    /**
     * The one rule every ledger applies: claiming {@code sequence} when the launch's highest
     * claimed registration is {@code last} (0: none). Only the next one is claimed; one at or
     * below {@code last} was handed out already (a replay); one beyond the next skips a
     * registration the launch never made.
     */
    public static RegistrationClaim judge(int last, int sequence) {
      if (sequence <= last) {
        return TAKEN;
      }
      return sequence == last + 1 ? CLAIMED : OUT_OF_ORDER;
    }
  }

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
