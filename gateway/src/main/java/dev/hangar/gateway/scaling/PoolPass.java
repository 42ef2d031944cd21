package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.Pool;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * One reconcile pass for one pool: observe the ledger and the fleet, ask the scaling policy for
 * a plan, apply it. {@link PoolReconciler} decides when a pass runs and never runs two passes
 * of the same pool at once.
 */
@FunctionalInterface
public interface PoolPass {
  /** Observes, plans and applies once for {@code pool} at {@code now}. */
  Future<?> run(Pool pool, Instant now);
}
