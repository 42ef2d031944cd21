package dev.hangar.gateway.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    Envelope env = envelope(utf8(body));
    if (env.action() == null) {
      throw new PayloadException("action is missing");
    }
    JobStatus status = JobStatus.fromAction(env.action())
        .orElseThrow(() -> new PayloadException("action is not queued, waiting, in_progress or completed"));
    if (env.job() == null) {
      throw new PayloadException("workflow_job is missing or not an object");
    }
    if (!env.repositorySeen()) {
      throw new PayloadException("repository is missing or not an object");
    }
    if (env.fullName() == null) {
      throw new PayloadException("repository.full_name is missing");
    }
    JsonNode job = env.job();
    return new JobEvent(
        id(job, "workflow_job.id", "id"),
        id(job, "workflow_job.run_id", "run_id"),
        runAttempt(job),
        status,
        labels(job),
        env.fullName(),
        owner(env),
        text(job, "workflow_job.workflow_name", "workflow_name"),
        text(job, "workflow_job.name", "name"),
        text(job, "workflow_job.runner_name", "runner_name"),
        text(job, "workflow_job.conclusion", "conclusion"),
        time(job, "created_at"),
        time(job, "started_at"),
        time(job, "completed_at"));
  }

  /** The parts of the payload Hangar reads; the rest (most of it) is skipped unparsed. */
  private record Envelope(
      String action, JsonNode job, boolean repositorySeen, String fullName, String repoOwner, String orgLogin) {}

  private static Envelope envelope(String text) {
    String action = null;
    JsonNode job = null;
    boolean repositorySeen = false;
    String[] repo = new String[2];
    String orgLogin = null;
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        // Still tell malformed text from well-formed JSON of another shape.
        p.skipChildren();
        while (p.nextToken() != null) {
          p.skipChildren();
        }
        throw new PayloadException("body is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "action" -> action = scalarText(value, p, "action");
          case "workflow_job" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new PayloadException("workflow_job is missing or not an object");
            }
            job = p.readValueAsTree();
          }
          case "repository" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new PayloadException("repository is missing or not an object");
            }
            repositorySeen = true;
            repository(p, repo);
          }
          case "organization" -> orgLogin = value == JsonToken.START_OBJECT ? login(p) : skip(p);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new PayloadException("body is not valid JSON");
      }
    } catch (java.io.IOException e) {
      throw new PayloadException("body is not valid JSON");
    }
    return new Envelope(action, job, repositorySeen, repo[0], repo[1], orgLogin);
  }

  /** Reads {@code full_name} and {@code owner.login} of the repository object. */
  private static void repository(JsonParser p, String[] out) throws java.io.IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("full_name")) {
        out[0] = scalarText(value, p, "repository.full_name");
      } else if (name.equals("owner") && value == JsonToken.START_OBJECT) {
        out[1] = login(p);
      } else {
        p.skipChildren();
      }
    }
  }

  /** Reads {@code login} of a user or organization object, skipping the rest. */
  private static String login(JsonParser p) throws java.io.IOException {
    String login = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("login") && value == JsonToken.VALUE_STRING) {
        login = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return login;
  }

  private static String skip(JsonParser p) throws java.io.IOException {
    p.skipChildren();
    return null;
  }

  private static String scalarText(JsonToken value, JsonParser p, String name) throws java.io.IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new PayloadException(name + " is not a string");
    }
    return p.getText();
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

  /** The optional string {@code key}, or null when it is absent or null. */
  private static String text(JsonNode parent, String name, String key) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
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

  private static String owner(Envelope env) {
    if (env.repoOwner() != null) {
      return env.repoOwner();
    }
    if (env.orgLogin() != null) {
      return env.orgLogin();
    }
    int slash = env.fullName().indexOf('/');
    return slash > 0 ? env.fullName().substring(0, slash) : env.fullName();
  }

  private static Instant time(JsonNode job, String key) {
    String s = text(job, "workflow_job." + key, key);
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
