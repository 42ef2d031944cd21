package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.observability.AgentMetrics;
import dev.hangar.gateway.observability.LogContext;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Runners;
import dev.hangar.gateway.retire.RunnerRetirement;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code retire}: the instance is retired through {@link RunnerRetirement} (runner deleted on
 * GitHub, refused while it runs a job, then the instance terminated with decrement). A retired
 * instance is added to {@code retired} (its tokens are refused from then on). GitHub's "busy" is
 * remembered for {@link #BUSY_MEMORY}: an agent retrying in a loop gets the same 409 without a
 * GitHub call each time.
 */
final class Retirement {
  /** How long a busy answer stands; a job takes longer than this, an agent's retry less. */
  static final Duration BUSY_MEMORY = Duration.ofSeconds(30);
  static final int BUSY_MAX = 50_000;
  private static final Logger LOG = LoggerFactory.getLogger(Retirement.class);
  private final AgentContext context;
  private final Runners github;
  private final RunnerRetirement retirement;
  private final RecentIds retired;
  private final RecentIds busy;

  Retirement(AgentContext context, Fleet fleet, Runners github, RecentIds retired) {
    this.context = context;
    this.github = github;
    this.retirement = new RunnerRetirement(fleet, github);
    this.retired = retired;
    this.busy = new RecentIds(BUSY_MEMORY, BUSY_MAX, context.clock());
  }

  /** Retires the instance; fails with 409 "runner busy" and terminates nothing when busy. */
  Future<Void> retire(String instanceId, String reason) {
    var known = context.registry().agent(instanceId);
    if (known.isPresent() && known.get().retired()) {
      return Future.succeededFuture();
    }
    if (busy.contains(instanceId)) {
      context.metrics().retirement(known.map(AgentRegistry.Agent::pool).orElse(AgentMetrics.UNKNOWN_POOL), "busy");
      return Future.failedFuture(busyRefusal());
    }
    return context.managed()
        .find(instanceId)
        .compose(
            m -> {
              String pool = m == null ? AgentMetrics.UNKNOWN_POOL : m.pool().name();
              return runnerId(instanceId)
                  .compose(runnerId ->
                      retirement.retire(instanceId, runnerId, m == null ? null : m.instance().lifecycle()))
                  .compose(
                      outcome -> {
                        if (outcome == RunnerRetirement.Outcome.BUSY) {
                          busy.add(instanceId);
                          context.metrics().retirement(pool, "busy");
                          LogContext.info(LOG, "retire refused: runner busy", "instanceId", instanceId, "pool", pool);
                          return Future.failedFuture(busyRefusal());
                        }
                        retired.add(instanceId);
                        context.registry().retired(instanceId, context.clock().instant());
                        context.metrics().retirement(pool, "retired");
                        LogContext.info(LOG, "instance retired", "instanceId", instanceId, "pool", pool,
                            "reason", reason);
                        return Future.<Void>succeededFuture();
                      });
            });
  }

  private static ApiException busyRefusal() {
    return ApiException.withReason(ErrorCode.RUNNER_BUSY, "runner busy");
  }

  private Future<Long> runnerId(String instanceId) {
    var known = context.registry().agent(instanceId).map(AgentRegistry.Agent::runnerId);
    if (known.isPresent()) {
      return Future.succeededFuture(known.get());
    }
    // Registered through another replica (or before a restart): find the runner by its name.
    return github.runnerNamed(instanceId).map(r -> r == null ? null : r.id());
  }
}
