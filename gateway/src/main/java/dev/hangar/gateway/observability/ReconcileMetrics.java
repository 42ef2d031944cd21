package dev.hangar.gateway.observability;

/**
 * What reconciliation records: {@code hangar.reconcile.actions}, {@code hangar.jobs.retried} and
 * {@code hangar.reconcile.cycles}. The constants are the bounded tag values the catalogue lists.
 */
public interface ReconcileMetrics {
  String ORPHAN_DELETED = "orphan_runner_deleted";
  String UNREGISTERED_RETIRED = "unregistered_instance_retired";
  String OFFLINE_RETIRED = "offline_runner_retired";
  String BUSY_SKIPPED = "busy_runner_skipped";
  String JOB_CORRECTED = "job_corrected";
  String REDELIVERED = "delivery_redelivered";
  String UNKNOWN_POOL = "unknown";

  /** Records nothing. */
  ReconcileMetrics NOOP = new ReconcileMetrics() {
    @Override
    public void action(String pool, String action) {}

    @Override
    public void retried(String pool, String reason) {}

    @Override
    public void cycle(String result) {}
  };

  /** One corrective action taken for the pool. */
  void action(String pool, String action);

  /** A job re-run on other capacity. */
  void retried(String pool, String reason);

  /** One reconcile cycle ended ({@code ok} or {@code partial}). */
  void cycle(String result);
}
