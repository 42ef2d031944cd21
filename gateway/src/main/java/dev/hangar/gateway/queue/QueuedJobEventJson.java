package dev.hangar.gateway.queue;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The SQS message body of a queued job event (trace context travels in message attributes). */
public final class QueuedJobEventJson {
  private QueuedJobEventJson() {}

  /** The message body. */
  public static String encode(QueuedJobEvent q) {
    JobEvent e = q.event();
    JsonObject event = new JsonObject()
        .put("jobId", e.jobId())
        .put("runId", e.runId())
        .put("runAttempt", e.runAttempt())
        .put("status", e.status().wireName())
        .put("labels", new JsonArray(e.labels()))
        .put("repository", e.repository())
        .put("owner", e.owner())
        .put("workflowName", e.workflowName())
        .put("jobName", e.jobName())
        .put("runnerName", e.runnerName())
        .put("conclusion", e.conclusion())
        .put("createdAt", str(e.createdAt()))
        .put("startedAt", str(e.startedAt()))
        .put("completedAt", str(e.completedAt()));
    return new JsonObject()
        .put("pool", q.pool())
        .put("deliveryId", q.deliveryId())
        .put("event", event)
        .encode();
  }

  /** Decodes a body written by {@link #encode}; throws IllegalArgumentException when it is not one. */
  public static QueuedJobEvent decode(String body, Map<String, String> traceContext) {
    try {
      JsonObject o = new JsonObject(body);
      JsonObject e = o.getJsonObject("event");
      List<String> labels = e.getJsonArray("labels").stream().map(String::valueOf).toList();
      JobEvent event = new JobEvent(
          e.getLong("jobId"),
          e.getLong("runId"),
          e.getInteger("runAttempt"),
          JobStatus.fromAction(e.getString("status")).orElseThrow(),
          labels,
          e.getString("repository"),
          e.getString("owner"),
          e.getString("workflowName"),
          e.getString("jobName"),
          e.getString("runnerName"),
          e.getString("conclusion"),
          instant(e.getString("createdAt")),
          instant(e.getString("startedAt")),
          instant(e.getString("completedAt")));
      return new QueuedJobEvent(o.getString("pool"), o.getString("deliveryId"), event, traceContext);
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException("not a Hangar job event message: " + ex.getClass().getSimpleName());
    }
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
