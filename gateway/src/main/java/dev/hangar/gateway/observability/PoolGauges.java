package dev.hangar.gateway.observability;

/**
 * Where a reconcile pass reports what it saw and did: {@code hangar.jobs.queued{pool}},
 * {@code hangar.jobs.running{pool}} and {@code hangar.scaling.desired{pool,tier}}.
 */
public interface PoolGauges {
  /** Reports nowhere. */
  PoolGauges NOOP = new PoolGauges() {
    @Override
    public void jobs(String pool, long queued, long running) {}

    @Override
    public void desired(String pool, String tier, long desired) {}
  };

  /** Open jobs of the pool as the ledger holds them now. */
  void jobs(String pool, long queued, long running);

  /** Desired capacity applied to (or confirmed on) a tier's group. */
  void desired(String pool, String tier, long desired);
}
