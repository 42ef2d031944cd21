package dev.hangar.gateway.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of what reconciliation did: {@code hangar.reconcile.actions}, {@code hangar.jobs.retried}. */
final class ReconcileMetrics {
  static final String ORPHAN_DELETED = "orphan_runner_deleted";
  static final String UNREGISTERED_RETIRED = "unregistered_instance_retired";
  static final String OFFLINE_RETIRED = "offline_runner_retired";
  static final String BUSY_SKIPPED = "busy_runner_skipped";
  static final String JOB_CORRECTED = "job_corrected";
  static final String REDELIVERED = "delivery_redelivered";
  static final String UNKNOWN_POOL = "unknown";

  private final MeterRegistry registry;

  ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void action(String pool, String action) {
    Counter.builder("hangar.reconcile.actions")
        .description("Corrective actions taken by reconciliation")
        .tag("pool", pool)
        .tag("action", action)
        .register(registry)
        .increment();
  }

  void retried(String pool, String reason) {
    Counter.builder("hangar.jobs.retried")
        .description("Jobs Hangar re-ran on other capacity")
        .tag("pool", pool)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void cycle(String result) {
    Counter.builder("hangar.reconcile.cycles")
        .description("Reconcile cycles by result")
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
