package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registration answers the agent never received because its connection closed first (it timed
 * out while GitHub was slow). The launch's registration (of that sequence number) is already
 * used and GitHub already made the runner, so the same launch's retry of the same sequence gets
 * this answer instead of a 409; kept briefly and handed out once. Held in memory only: the JIT
 * config is a secret.
 */
final class UndeliveredRegistrations {
  static final Duration KEEP = Duration.ofMinutes(5);
  private final Map<String, Kept> byInstance = new ConcurrentHashMap<>();

  private record Kept(String launchId, int sequence, JsonObject answer, Instant at) {
    @Override
    public String toString() {
      return "Kept[launchId=" + launchId + ", sequence=" + sequence + ", at=" + at + ", answer=***]";
    }
  }

  /** Keeps the answer for the launch's retry of registration {@code sequence}. */
  void keep(String instanceId, String launchId, int sequence, JsonObject answer, Instant now) {
    byInstance.values().removeIf(k -> k.at().plus(KEEP).isBefore(now));
    byInstance.put(instanceId, new Kept(launchId, sequence, answer.copy(), now));
  }

  /** The kept answer of exactly this launch and sequence, once, while fresh. */
  Optional<JsonObject> take(String instanceId, String launchId, int sequence, Instant now) {
    Kept k = byInstance.get(instanceId);
    if (k == null || !k.launchId().equals(launchId) || k.sequence() != sequence
        || k.at().plus(KEEP).isBefore(now)
        || !byInstance.remove(instanceId, k)) {
      return Optional.empty();
    }
    return Optional.of(k.answer());
  }
}
