package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.observability.AgentMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits of the agent calls that fan out to GitHub and AWS, so one instance (or a copied
 * identity document) cannot spend the fleet's GitHub and AWS budgets. Each call has its own
 * global bucket, so a storm of one call does not starve the others.
 */
final class AgentThrottle {
  /** Instances tracked per call at most; a fleet is far smaller. */
  static final int MAX_INSTANCES = 50_000;
  private final AgentApiConfig.RateLimits limits;
  private final AgentMetrics metrics;
  private final Clock clock;
  private final Map<String, RateLimiter> perInstance = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter> global = new ConcurrentHashMap<>();

  AgentThrottle(AgentApiConfig.RateLimits limits, AgentMetrics metrics, Clock clock) {
    this.limits = limits;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Admits one {@code call}, or fails with 429 and a Retry-After; {@code instanceId} is the
   * session's instance, null for calls made before the identity is verified.
   */
  void admit(String call, String instanceId) {
    RateLimiter own = null;
    if (instanceId != null) {
      own = perInstance.computeIfAbsent(call, c -> new RateLimiter(limits.perInstance(), MAX_INSTANCES, clock));
      long wait = own.take(instanceId);
      if (wait > 0) {
        throw refuse(call, "instance", wait);
      }
    }
    long wait = global.computeIfAbsent(call, c -> new RateLimiter(limits.global(), 1, clock)).take(call);
    if (wait > 0) {
      if (own != null) {
        own.giveBack(instanceId);
      }
      throw refuse(call, "global", wait);
    }
  }

  /** Instances with a bucket for {@code call}, for tests of the memory bound. */
  int tracked(String call) {
    RateLimiter l = perInstance.get(call);
    return l == null ? 0 : l.size();
  }

  private ApiException refuse(String call, String scope, long waitMillis) {
    metrics.throttled(call, scope);
    return ApiException.throttled(
        "too many " + call + " calls " + ("instance".equals(scope) ? "from this instance" : "from the fleet"),
        Math.max(1, (waitMillis + 999) / 1000));
  }
}
