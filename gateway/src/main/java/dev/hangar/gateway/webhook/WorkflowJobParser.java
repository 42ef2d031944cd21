package dev.hangar.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code workflow_job} webhook body into a {@link JobEvent}, refusing (with a short
 * reason) anything that is not UTF-8 JSON of that shape or carries absurd label lists.
 */
public final class WorkflowJobParser {
  /** GitHub allows far fewer labels on a runner; more is abuse, not a job. */
  public static final int MAX_LABELS = 64;

  public static final int MAX_LABEL_LENGTH = 256;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkflowJobParser() {}

  /** The event, or a {@link PayloadException} saying what is wrong. */
  public static JobEvent parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(utf8(body));
    } catch (JsonProcessingException e) {
      throw new PayloadException("body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new PayloadException("body is not a JSON object");
    }
    String action = text(root, "action", "action", true);
    JobStatus status = JobStatus.fromAction(action)
        .orElseThrow(() -> new PayloadException("action is not queued, waiting, in_progress or completed"));
    JsonNode job = object(root, "workflow_job");
    JsonNode repo = object(root, "repository");
    return new JobEvent(
        id(job, "workflow_job.id", "id"),
        id(job, "workflow_job.run_id", "run_id"),
        runAttempt(job),
        status,
        labels(job),
        text(repo, "repository.full_name", "full_name", true),
        owner(root, repo),
        text(job, "workflow_job.workflow_name", "workflow_name", false),
        text(job, "workflow_job.name", "name", false),
        text(job, "workflow_job.runner_name", "runner_name", false),
        text(job, "workflow_job.conclusion", "conclusion", false),
        time(job, "created_at"),
        time(job, "started_at"),
        time(job, "completed_at"));
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PayloadException("body is not UTF-8");
    }
  }

  private static JsonNode object(JsonNode parent, String key) {
    JsonNode n = parent.get(key);
    if (n == null || !n.isObject()) {
      throw new PayloadException(key + " is missing or not an object");
    }
    return n;
  }

  private static String text(JsonNode parent, String name, String key, boolean required) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw new PayloadException(name + " is missing");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new PayloadException(name + " is not a string");
    }
    return n.textValue();
  }

  private static long id(JsonNode job, String name, String key) {
    JsonNode n = job.get(key);
    if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() <= 0) {
      throw new PayloadException(name + " is missing or not a positive integer");
    }
    return n.asLong();
  }

  private static int runAttempt(JsonNode job) {
    JsonNode n = job.get("run_attempt");
    if (n == null || n.isNull()) {
      return 1;
    }
    if (!n.canConvertToInt() || !n.canConvertToExactIntegral() || n.asInt() < 1) {
      throw new PayloadException("workflow_job.run_attempt is not a positive integer");
    }
    return n.asInt();
  }

  private static List<String> labels(JsonNode job) {
    JsonNode n = job.get("labels");
    if (n == null || !n.isArray()) {
      throw new PayloadException("workflow_job.labels is missing or not an array");
    }
    if (n.isEmpty()) {
      throw new PayloadException("workflow_job.labels is empty");
    }
    if (n.size() > MAX_LABELS) {
      throw new PayloadException("workflow_job.labels has more than " + MAX_LABELS + " labels");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode l : n) {
      if (!l.isTextual() || l.textValue().isBlank()) {
        throw new PayloadException("workflow_job.labels holds a value that is not a label");
      }
      if (l.textValue().length() > MAX_LABEL_LENGTH) {
        throw new PayloadException("workflow_job.labels holds a label longer than " + MAX_LABEL_LENGTH);
      }
      out.add(l.textValue());
    }
    return out;
  }

  private static String owner(JsonNode root, JsonNode repo) {
    JsonNode owner = repo.get("owner");
    if (owner != null && owner.get("login") != null && owner.get("login").isTextual()) {
      return owner.get("login").textValue();
    }
    JsonNode org = root.get("organization");
    if (org != null && org.get("login") != null && org.get("login").isTextual()) {
      return org.get("login").textValue();
    }
    String fullName = repo.get("full_name").textValue();
    int slash = fullName.indexOf('/');
    return slash > 0 ? fullName.substring(0, slash) : fullName;
  }

  private static Instant time(JsonNode job, String key) {
    String s = text(job, "workflow_job." + key, key, false);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new PayloadException("workflow_job." + key + " is not a timestamp");
    }
  }
}
