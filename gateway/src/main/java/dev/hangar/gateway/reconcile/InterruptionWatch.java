package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Ledger} that tells spot re-runs about every job marked interrupted, so the job is
 * watched until it completes even when that happens between two reconcile cycles (a spot notice
 * gives two minutes). Everything else passes through unchanged.
 */
public final class InterruptionWatch implements Ledger {
  private final Ledger delegate;
  private final Consumer<Job> watcher;

  public InterruptionWatch(Ledger delegate, Consumer<Job> watcher) {
    this.delegate = delegate;
    this.watcher = watcher;
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
  public Future<Boolean> claimRegistration(String instanceId, String launchId) {
    return delegate.claimRegistration(instanceId, launchId);
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    return delegate.markInterrupted(jobId).onSuccess(watcher::accept);
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
