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
  /** Registration claims that succeeded, as {@code instanceId/launchId}. */
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
  public Future<Boolean> claimRegistration(String instanceId, String launchId) {
    return real.claimRegistration(instanceId, launchId)
        .onSuccess(first -> {
          if (first) {
            calls.add("claimRegistration " + instanceId + " " + launchId);
            claims.add(instanceId + "/" + launchId);
          }
        });
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
