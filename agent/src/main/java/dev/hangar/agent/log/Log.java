package dev.hangar.agent.log;

import dev.hangar.agent.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JSON-lines logger for journald (one object per line: time, level, msg, instanceId, fields).
 * Callers never pass secrets; {@link #redact(String)} removes known secrets from free text anyway.
 */
public final class Log {
  private final Consumer<String> sink;
  private volatile String instanceId = "";
  private final java.util.List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Log(Consumer<String> sink) {
    this.sink = sink;
  }

  /** A logger writing to standard error (journald captures it). */
  public static Log stderr() {
    return new Log(line -> {
      System.err.println(line);
      System.err.flush();
    });
  }

  /** Standard error, and also appended to {@code file} when given (for the CloudWatch agent). */
  public static Log stderrAnd(java.util.Optional<java.nio.file.Path> file) {
    if (file.isEmpty()) {
      return stderr();
    }
    java.nio.file.Path path = file.get();
    return new Log(line -> {
      System.err.println(line);
      System.err.flush();
      try {
        java.nio.file.Files.writeString(path, line + "\n", java.nio.charset.StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        // journald still has the line.
      }
    });
  }

  public void instanceId(String id) {
    this.instanceId = id;
  }

  /** Registers a secret value that must never be printed, even inside a message. */
  public void secret(String value) {
    if (value != null && value.length() >= 4) {
      secrets.add(value);
    }
  }

  public String redact(String text) {
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }

  public void info(String msg, Object... kv) {
    emit("INFO", msg, kv);
  }

  public void warn(String msg, Object... kv) {
    emit("WARN", msg, kv);
  }

  public void error(String msg, Object... kv) {
    emit("ERROR", msg, kv);
  }

  private void emit(String level, String msg, Object... kv) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("logger", "hangar-agent");
    line.put("msg", redact(msg));
    if (!instanceId.isEmpty()) {
      line.put("instanceId", instanceId);
    }
    for (int i = 0; i + 1 < kv.length; i += 2) {
      Object v = kv[i + 1];
      line.put(String.valueOf(kv[i]), v instanceof String s ? redact(s) : v);
    }
    sink.accept(Json.write(line));
  }
}
