package dev.hangar.gateway.reconcile;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.observability.ReconcileMetrics;
import dev.hangar.gateway.port.WorkflowJobs;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks jobs the ledger has had queued for too long against GitHub ({@code GET job}) and
 * folds what GitHub says into the ledger, so a lost {@code in_progress} or {@code completed}
 * webhook does not keep capacity up forever. Each job is checked at most once per threshold,
 * and at most {@code maxChecks} per cycle, so the cost stays bounded.
 */
final class StaleJobReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(StaleJobReconciler.class);
  /** Conclusion recorded for a job GitHub no longer knows (deleted run or repository). */
  static final String NOT_FOUND = "not_found";

  private final List<Pool> pools;
  private final Ledger ledger;
  private final WorkflowJobs github;
  private final ReconcileMetrics metrics;
  private final Duration staleAfter;
  private final int maxChecks;
  private final Map<Long, Instant> lastChecked = new ConcurrentHashMap<>();

  StaleJobReconciler(
      List<Pool> pools, Ledger ledger, WorkflowJobs github, ReconcileMetrics metrics,
      Duration staleAfter, int maxChecks) {
    this.pools = pools;
    this.ledger = ledger;
    this.github = github;
    this.metrics = metrics;
    this.staleAfter = staleAfter;
    this.maxChecks = maxChecks;
  }

  Future<Void> run(Instant now) {
    List<Future<List<Job>>> open = new ArrayList<>();
    pools.forEach(p -> open.add(ledger.openJobs(p.name())));
    return Future.join(open)
        .transform(
            ar -> {
              List<Job> stale = new ArrayList<>();
              java.util.Set<Long> stillOpen = new java.util.HashSet<>();
              for (Future<List<Job>> f : open) {
                if (f.failed()) {
                  continue;
                }
                for (Job j : f.result()) {
                  stillOpen.add(j.jobId());
                  if (isStale(j, now) && stale.size() < maxChecks) {
                    stale.add(j);
                  }
                }
              }
              lastChecked.keySet().retainAll(stillOpen);
              List<Future<Void>> checks = new ArrayList<>();
              for (Job j : stale) {
                lastChecked.put(j.jobId(), now);
                checks.add(check(j, now));
              }
              return Future.join(checks).mapEmpty();
            });
  }

  private boolean isStale(Job j, Instant now) {
    if (j.status() != JobStatus.QUEUED || j.repository() == null || j.createdAt() == null) {
      return false;
    }
    if (j.createdAt().plus(staleAfter).isAfter(now)) {
      return false;
    }
    Instant last = lastChecked.get(j.jobId());
    return last == null || !last.plus(staleAfter).isAfter(now);
  }

  private Future<Void> check(Job j, Instant now) {
    return github
        .job(j.repository(), j.jobId())
        .map(s -> event(j, s))
        .recover(
            e ->
                e instanceof NoSuchElementException
                    ? Future.succeededFuture(gone(j, now))
                    : Future.failedFuture(e))
        .compose(
            e -> {
              if (e == null) {
                return Future.<Void>succeededFuture();
              }
              return ledger.apply(j.pool(), e).map(after -> {
                if (after.status() != j.status()) {
                  metrics.action(j.pool(), ReconcileMetrics.JOB_CORRECTED);
                  LOG.atInfo().addKeyValue("pool", j.pool()).addKeyValue("jobId", j.jobId())
                      .addKeyValue("status", after.status().wireName())
                      .log("stale queued job corrected from GitHub");
                }
                return (Void) null;
              });
            })
        .recover(
            e -> {
              LOG.atWarn().addKeyValue("pool", j.pool()).addKeyValue("jobId", j.jobId())
                  .addKeyValue("error", e.toString()).log("stale job check failed");
              return Future.succeededFuture();
            });
  }

  /** The snapshot as an event, or null when GitHub's status is not one Hangar tracks. */
  static JobEvent event(Job j, WorkflowJobs.JobSnapshot s) {
    JobStatus status = JobStatus.fromAction(s.status()).orElse(null);
    if (status == null) {
      return null;
    }
    return new JobEvent(
        j.jobId(),
        s.runId() != 0 ? s.runId() : j.runId(),
        j.runAttempt(),
        status,
        s.labels().isEmpty() ? j.labels() : s.labels(),
        j.repository(),
        owner(j.repository()),
        null,
        null,
        s.runnerName(),
        s.conclusion(),
        s.createdAt(),
        s.startedAt(),
        s.completedAt());
  }

  private static JobEvent gone(Job j, Instant now) {
    return new JobEvent(
        j.jobId(), j.runId(), j.runAttempt(), JobStatus.COMPLETED, j.labels(), j.repository(),
        owner(j.repository()), null, null, null, NOT_FOUND, j.createdAt(), null, now);
  }

  private static String owner(String repository) {
    int slash = repository == null ? -1 : repository.indexOf('/');
    return slash < 0 ? repository : repository.substring(0, slash);
  }
}
