package dev.hangar.gateway.testing;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.ledger.MemoryLedger;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory ledger (which runs {@code LedgerContract}) with its writes recorded, so a test
 * can assert what was claimed and that a refused call wrote nothing.
 */
public final class RecordingLedger extends ForwardingLedger {
  /** Registration claims held, as {@code instanceId/launchId} ({@code #n} added for sequence n > 1). */
  public final Set<String> claims = ConcurrentHashMap.newKeySet();
  /** Every write that changed the ledger, in order (a refused claim changes nothing). */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  public RecordingLedger() {
    super(new MemoryLedger());
  }

  /** Stores a job as the consumer would, without recording it as a write of the code under test. */
  public Job seed(String pool, JobEvent event) {
    return real.apply(pool, event).result();
  }

  /** The job as stored now, or null. */
  public Job stored(long jobId) {
    Future<Job> f = real.job(jobId);
    return f.succeeded() ? f.result() : null;
  }

  @Override
  public Future<Job> apply(String pool, JobEvent event) {
    calls.add("apply " + pool + " " + event.jobId() + " " + event.status());
    return real.apply(pool, event);
  }

  @Override
  public Future<RegistrationClaim> claimRegistration(String instanceId, String launchId, int sequence) {
    return real.claimRegistration(instanceId, launchId, sequence)
        .onSuccess(claim -> {
          if (claim == RegistrationClaim.CLAIMED) {
            // Sequence 1 keeps the form tests used before sequences existed.
            String suffix = sequence == 1 ? "" : "#" + sequence;
            calls.add("claimRegistration " + instanceId + " " + launchId + suffix);
            claims.add(instanceId + "/" + launchId + suffix);
          }
        });
  }

  @Override
  public Future<Void> releaseRegistration(String instanceId, String launchId, int sequence) {
    String suffix = sequence == 1 ? "" : "#" + sequence;
    calls.add("releaseRegistration " + instanceId + " " + launchId + suffix);
    claims.remove(instanceId + "/" + launchId + suffix);
    return real.releaseRegistration(instanceId, launchId, sequence);
  }

  @Override
  public Future<Job> markInterrupted(long jobId) {
    calls.add("markInterrupted " + jobId);
    return real.markInterrupted(jobId);
  }

  @Override
  public Future<Boolean> claimRetry(long jobId, int retry) {
    return real.claimRetry(jobId, retry).onSuccess(first -> {
      if (first) {
        calls.add("claimRetry " + jobId + " " + retry);
      }
    });
  }
}
