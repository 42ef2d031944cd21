package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registration answers the agent never received because its connection closed first (it timed
 * out while GitHub was slow). The launch's one registration is already used and GitHub already
 * made the runner, so the same launch's retry gets this answer instead of a 409; kept briefly and
 * handed out once. Held in memory only: the JIT config is a secret.
 */
final class UndeliveredRegistrations {
  static final Duration KEEP = Duration.ofMinutes(5);
  private final Map<String, Kept> byInstance = new ConcurrentHashMap<>();

  private record Kept(String launchId, JsonObject answer, Instant at) {
    @Override
    public String toString() {
      return "Kept[launchId=" + launchId + ", at=" + at + ", answer=***]";
    }
  }

  /** Keeps the answer for the launch's retry. */
  void keep(String instanceId, String launchId, JsonObject answer, Instant now) {
    byInstance.values().removeIf(k -> k.at().plus(KEEP).isBefore(now));
    byInstance.put(instanceId, new Kept(launchId, answer.copy(), now));
  }

  /** The kept answer of exactly this launch, once, while fresh. */
  Optional<JsonObject> take(String instanceId, String launchId, Instant now) {
    Kept k = byInstance.get(instanceId);
    if (k == null || !k.launchId().equals(launchId) || k.at().plus(KEEP).isBefore(now)
        || !byInstance.remove(instanceId, k)) {
      return Optional.empty();
    }
    return Optional.of(k.answer());
  }
}
