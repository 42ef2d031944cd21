package dev.hangar.agent.core;

import dev.hangar.agent.runner.HookEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Bodies of the events the agent reports ({@code POST /agent/v1/events}). */
final class Events {
  private Events() {}

  /** An event of {@code type} naming {@code job} when known, plus {@code extra} fields in order. */
  static Map<String, Object> of(String type, Optional<HookEvent> job, Object... extra) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    job.ifPresent(e -> {
      putIfPresent(event, "repository", e.repository());
      putIfPresent(event, "workflow", e.workflow());
      putIfPresent(event, "jobName", e.jobName());
      // The API types runId as an integer; a hook that sent something else leaves it out.
      if (e.runId() != null && e.runId().matches("\\d{1,18}")) {
        event.put("runId", Long.parseLong(e.runId()));
      }
    });
    for (int i = 0; i + 1 < extra.length; i += 2) {
      event.put(String.valueOf(extra[i]), extra[i + 1]);
    }
    return Collections.unmodifiableMap(event);
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }
}
