package dev.hangar.gateway.ledger;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.List;

/**
 * A {@link Ledger} that tells each {@link InterruptionListener}, in order, about every job whose
 * {@code markInterrupted} succeeded (spot re-runs watch the job, the spot circuit breaker counts
 * the notice). A failed mark tells nobody. Everything else passes through unchanged.
 */
public final class InterruptionNotifyingLedger implements Ledger {
  private final Ledger delegate;
  private final List<InterruptionListener> listeners;

  public InterruptionNotifyingLedger(Ledger delegate, List<InterruptionListener> listeners) {
    this.delegate = delegate;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    return delegate
        .markInterrupted(jobId)
        .onSuccess(job -> listeners.forEach(listener -> listener.interrupted(job)));
  }

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    return delegate.apply(pool, event);
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    return delegate.openJobs(pool);
  }

  @Override
  public Future<Job> job(long jobId) {
    return delegate.job(jobId);
  }

  @Override
  public Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence) {
    return delegate.claimRegistration(instanceId, launchId, sequence);
  }

  @Override
  public Future<Void> releaseRegistration(String instanceId, String launchId, int sequence) {
    return delegate.releaseRegistration(instanceId, launchId, sequence);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    return delegate.claimRetry(jobId, retry);
  }

  @Override
  public Future<Void> ping() {
    return delegate.ping();
  }
}
