package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.SpotRetry;
import dev.hangar.gateway.observability.ReconcileMetrics;
import dev.hangar.gateway.port.WorkflowJobs;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs jobs that failed or were cancelled because their spot instance was reclaimed. Jobs
 * with interruptions are watched (from the open jobs each cycle, and at once through
 * {@link Reconciler#interruptionListener()}) until they complete; {@link SpotRetry} decides
 * which may be re-run. {@code Ledger.claimRetry} makes exactly one replica re-run a job; if
 * GitHub refuses for now (the run is still going), the owner tries again next cycle.
 */
public final class SpotRetryReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(SpotRetryReconciler.class);
  static final String REASON = "spot_interruption";

  private final List<Pool> pools;
  private final Ledger ledger;
  private final WorkflowJobs github;
  private final ReconcileMetrics metrics;
  private final int maxRetries;
  private final Set<Long> watched = ConcurrentHashMap.newKeySet();
  /** Jobs this replica claimed but could not re-run yet, with the attempts so far. */
  private final Map<Long, Integer> owned = new ConcurrentHashMap<>();

  SpotRetryReconciler(
      List<Pool> pools, Ledger ledger, WorkflowJobs github, ReconcileMetrics metrics, int maxRetries) {
    this.pools = pools;
    this.ledger = ledger;
    this.github = github;
    this.metrics = metrics;
    this.maxRetries = maxRetries;
  }

  /** Starts watching a job (called when its runner reports a spot interruption). */
  public void watch(Job job) {
    if (job != null && job.interruptions() > 0) {
      watched.add(job.jobId());
    }
  }

  Future<Void> run() {
    List<Future<List<Job>>> open = new ArrayList<>();
    pools.forEach(p -> open.add(ledger.openJobs(p.name())));
    return Future.join(open)
        .transform(
            ar -> {
              for (Future<List<Job>> f : open) {
                if (f.succeeded()) {
                  f.result().forEach(this::watch);
                }
              }
              List<Future<Void>> checks = new ArrayList<>();
              for (Long id : List.copyOf(watched)) {
                checks.add(check(id));
              }
              return Future.join(checks).mapEmpty();
            });
  }

  private Future<Void> check(long jobId) {
    return ledger
        .job(jobId)
        .compose(
            job ->
                switch (SpotRetry.decide(job, maxRetries, owned.containsKey(jobId))) {
                  case WAIT -> Future.<Void>succeededFuture();
                  case FORGET -> {
                    watched.remove(jobId);
                    yield Future.<Void>succeededFuture();
                  }
                  case RERUN -> rerun(job);
                  case CLAIM ->
                      ledger
                          .claimRetry(jobId, 1)
                          .compose(
                              mine -> {
                                if (!mine) {
                                  watched.remove(jobId);
                                  return Future.<Void>succeededFuture();
                                }
                                owned.put(jobId, 0);
                                return rerun(job);
                              });
                })
        .recover(
            e -> {
              if (e instanceof java.util.NoSuchElementException) {
                watched.remove(jobId);
              }
              LOG.atWarn().addKeyValue("jobId", jobId).addKeyValue("error", e.toString())
                  .log("spot re-run check failed");
              return Future.succeededFuture();
            });
  }

  private Future<Void> rerun(Job job) {
    long id = job.jobId();
    return github
        .rerunJob(job.repository(), id)
        .onSuccess(
            v -> {
              owned.remove(id);
              watched.remove(id);
              metrics.retried(job.pool(), REASON);
              LOG.atInfo().addKeyValue("pool", job.pool()).addKeyValue("jobId", id)
                  .addKeyValue("runAttempt", job.runAttempt())
                  .log("job re-run after a spot interruption");
            })
        .recover(
            e -> {
              int attempts = owned.merge(id, 1, Integer::sum);
              if (SpotRetry.giveUp(attempts)) {
                owned.remove(id);
                watched.remove(id);
              }
              LOG.atWarn().addKeyValue("pool", job.pool()).addKeyValue("jobId", id)
                  .addKeyValue("error", e.toString()).log("re-run refused for now");
              return Future.succeededFuture();
            });
  }
}
