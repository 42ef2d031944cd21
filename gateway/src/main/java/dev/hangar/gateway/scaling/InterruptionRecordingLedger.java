package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * A ledger that also tells the spot circuit breaker about every interruption marked on a job
 * (an agent reporting a spot notice for its busy runner), so the breaker of the job's pool
 * counts it. Everything else goes straight to the wrapped ledger.
 */
public final class InterruptionRecordingLedger implements Ledger {
  private final Ledger ledger;
  private final SpotInterruptions interruptions;
  private final Clock clock;

  /** Wraps {@code ledger}; notices go to {@code interruptions} at {@code clock}'s time. */
  public InterruptionRecordingLedger(Ledger ledger, SpotInterruptions interruptions, Clock clock) {
    this.ledger = ledger;
    this.interruptions = interruptions;
    this.clock = clock;
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    return ledger
        .markInterrupted(jobId)
        .onSuccess(job -> interruptions.record(job.pool(), clock.instant()));
  }

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    return ledger.apply(pool, event);
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    return ledger.openJobs(pool);
  }

  @Override
  public Future<Job> job(long jobId) {
    return ledger.job(jobId);
  }

  @Override
  public Future<Boolean> claimRegistration(String instanceId, String launchId) {
    return ledger.claimRegistration(instanceId, launchId);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    return ledger.claimRetry(jobId, retry);
  }

  @Override
  public Future<Void> ping() {
    return ledger.ping();
  }
}
