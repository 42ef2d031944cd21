package dev.hangar.gateway.domain;

/**
 * Whether a job that lost its spot instance may be re-run, and what to do next about it. A re-run
 * creates a new job with the next run attempt, so at most {@code maxRetries} re-runs happen per
 * run: a job whose run attempt is already past that is left failed.
 */
public final class SpotRetry {
  /** Refused re-runs of one claimed job before this replica gives up on it. */
  public static final int MAX_RERUN_ATTEMPTS = 10;

  /** What to do about a watched job. */
  public enum Decision {
    /** Not completed yet: keep watching. */
    WAIT,
    /** Never to be re-run (or another replica's): stop watching. */
    FORGET,
    /** Eligible and not claimed yet: claim it, so that exactly one replica re-runs it. */
    CLAIM,
    /** Claimed by this replica earlier and not re-run yet: try again. */
    RERUN
  }

  private SpotRetry() {}

  /** The decision for {@code job}; {@code claimedHere} when this replica holds its claim. */
  public static Decision decide(Job job, int maxRetries, boolean claimedHere) {
    if (job.status() != JobStatus.COMPLETED) {
      return Decision.WAIT;
    }
    if (!eligible(job, maxRetries, claimedHere)) {
      return Decision.FORGET;
    }
    return claimedHere ? Decision.RERUN : Decision.CLAIM;
  }

  /**
   * A completed job failed or cancelled after a spot interruption, with its run attempt within
   * {@code maxRetries}, and not already claimed by another replica.
   */
  public static boolean eligible(Job job, int maxRetries, boolean claimedHere) {
    boolean failed = "failure".equals(job.conclusion()) || "cancelled".equals(job.conclusion());
    int attempt = Math.max(1, job.runAttempt());
    return failed
        && job.interruptions() > 0
        && job.repository() != null
        && attempt <= maxRetries
        && (job.retries() == 0 || claimedHere);
  }

  /** Whether a claimed job refused this many times is given up (GitHub keeps refusing). */
  public static boolean giveUp(int refusals) {
    return refusals >= MAX_RERUN_ATTEMPTS;
  }
}
