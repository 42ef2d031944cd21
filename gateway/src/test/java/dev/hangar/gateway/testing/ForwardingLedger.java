package dev.hangar.gateway.testing;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.List;

/** A test {@link Ledger} that passes every call to a real one; tests override the calls they bend. */
public abstract class ForwardingLedger implements Ledger {
  protected final Ledger real;

  protected ForwardingLedger(Ledger real) {
    this.real = real;
  }

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    return real.apply(pool, event);
  }

  @Override
  public Future<List<Job>> openJobs(String pool) {
    return real.openJobs(pool);
  }

  @Override
  public Future<Job> job(long jobId) {
    return real.job(jobId);
  }

  @Override
  public Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence) {
    return real.claimRegistration(instanceId, launchId, sequence);
  }

  @Override
  public Future<Void> releaseRegistration(String instanceId, String launchId, int sequence) {
    return real.releaseRegistration(instanceId, launchId, sequence);
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    return real.markInterrupted(jobId);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    return real.claimRetry(jobId, retry);
  }

  @Override
  public Future<Void> ping() {
    return real.ping();
  }
}
