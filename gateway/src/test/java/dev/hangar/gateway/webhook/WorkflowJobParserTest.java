package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code workflow_job} payloads to {@link JobEvent}. */
class WorkflowJobParserTest {

  private static String reason(byte[] body) {
    return assertThrows(PayloadException.class, () -> WorkflowJobParser.parse(body)).getMessage();
  }

  private static String reason(Consumer<ObjectNode> edit) {
    return reason(Webhooks.payload(Webhooks.QUEUED, edit));
  }

  private static ObjectNode job(ObjectNode root) {
    return (ObjectNode) root.get("workflow_job");
  }

  @Test
  void queuedEvent() {
    JobEvent e = WorkflowJobParser.parse(Webhooks.payload(Webhooks.QUEUED));
    assertEquals(30433642761L, e.jobId());
    assertEquals(11194571219L, e.runId());
    assertEquals(1, e.runAttempt());
    assertEquals(JobStatus.QUEUED, e.status());
    assertEquals(List.of("self-hosted", "linux", "x64"), e.labels());
    assertEquals("acme/widgets", e.repository());
    assertEquals("acme", e.owner());
    assertEquals("CI", e.workflowName());
    assertEquals("build (ubuntu)", e.jobName());
    assertNull(e.runnerName());
    assertNull(e.conclusion());
    assertEquals(Instant.parse("2026-11-27T09:00:01Z"), e.createdAt());
    assertNull(e.completedAt());
  }

  @Test
  void inProgressAndCompletedEvents() {
    JobEvent running = WorkflowJobParser.parse(Webhooks.payload(Webhooks.IN_PROGRESS));
    assertEquals(JobStatus.IN_PROGRESS, running.status());
    assertEquals("i-0a1b2c3d4e5f60718", running.runnerName());
    JobEvent done = WorkflowJobParser.parse(Webhooks.payload(Webhooks.COMPLETED));
    assertEquals(JobStatus.COMPLETED, done.status());
    assertEquals("success", done.conclusion());
    assertEquals(Instant.parse("2026-11-27T09:04:47Z"), done.completedAt());
  }

  @Test
  void waitingIsParsedAsWaiting() {
    JobEvent e = WorkflowJobParser.parse(Webhooks.payload(Webhooks.QUEUED, r -> r.put("action", "waiting")));
    assertEquals(JobStatus.WAITING, e.status());
  }

  @Test
  void timestampsWithOffsetsAreAccepted() {
    JobEvent e = WorkflowJobParser.parse(Webhooks.payload(Webhooks.QUEUED, r -> job(r).put("created_at", "2026-11-27T10:00:01+01:00")));
    assertEquals(Instant.parse("2026-11-27T09:00:01Z"), e.createdAt());
  }

  @Test
  void refusesWhatItCannotUse() {
    assertEquals("body is not valid JSON", reason("{\"action\":".getBytes(StandardCharsets.UTF_8)));
    assertEquals("body is not a JSON object", reason("[]".getBytes(StandardCharsets.UTF_8)));
    assertEquals("body is not UTF-8", reason(new byte[] {'{', '"', (byte) 0xFF, '"', '}'}));
    assertEquals("action is missing", reason(r -> r.remove("action")));
    assertEquals("action is not queued, waiting, in_progress or completed", reason(r -> r.put("action", "deleted")));
    assertEquals("workflow_job is missing or not an object", reason(r -> r.put("workflow_job", "x")));
    assertEquals("repository is missing or not an object", reason(r -> r.remove("repository")));
    assertEquals("workflow_job.id is missing or not a positive integer", reason(r -> job(r).put("id", "123")));
    assertEquals("workflow_job.id is missing or not a positive integer", reason(r -> job(r).put("id", 1.5)));
    assertEquals("workflow_job.run_id is missing or not a positive integer", reason(r -> job(r).remove("run_id")));
    assertEquals("workflow_job.run_attempt is not a positive integer", reason(r -> job(r).put("run_attempt", 0)));
    assertEquals("workflow_job.labels is missing or not an array", reason(r -> job(r).put("labels", "linux")));
    assertEquals("workflow_job.labels is empty", reason(r -> job(r).putArray("labels")));
    assertEquals("workflow_job.labels holds a value that is not a label", reason(r -> job(r).putArray("labels").add(3)));
    assertEquals("repository.full_name is missing", reason(r -> ((ObjectNode) r.get("repository")).remove("full_name")));
    assertEquals("workflow_job.created_at is not a timestamp", reason(r -> job(r).put("created_at", "yesterday")));
    assertEquals("workflow_job.name is not a string", reason(r -> job(r).put("name", 5)));
  }

  @Test
  void capsLabelLists() {
    assertEquals(64, WorkflowJobParser.parse(Webhooks.payload(Webhooks.QUEUED, r -> {
      var labels = job(r).putArray("labels");
      for (int i = 0; i < 64; i++) {
        labels.add("l" + i);
      }
    })).labels().size());
    assertEquals("workflow_job.labels has more than 64 labels", reason(r -> {
      var labels = job(r).putArray("labels");
      for (int i = 0; i < 65; i++) {
        labels.add("l" + i);
      }
    }));
    assertEquals("workflow_job.labels holds a label longer than 256", reason(r -> job(r).putArray("labels").add("x".repeat(257))));
  }
}
