package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.observability.LogContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes agent API log lines with the correlation keys ({@code instanceId}, {@code pool},
 * {@code jobId}) in the MDC, where every Hangar log line carries them, and other details as
 * key-values. Callers never pass tokens or JIT configs.
 */
final class AgentLog {
  private static final Set<String> CORRELATION =
      Set.of(LogContext.INSTANCE_ID, LogContext.POOL, LogContext.JOB_ID);

  private AgentLog() {}

  static void info(Logger log, String message, Object... keyValues) {
    write(log, Level.INFO, message, keyValues);
  }

  static void warn(Logger log, String message, Object... keyValues) {
    write(log, Level.WARN, message, keyValues);
  }

  static void error(Logger log, String message, Object... keyValues) {
    write(log, Level.ERROR, message, keyValues);
  }

  private static void write(Logger log, Level level, String message, Object... keyValues) {
    if (!log.isEnabledForLevel(level)) {
      return;
    }
    try (LogContext context = LogContext.open()) {
      LoggingEventBuilder event = log.atLevel(level);
      for (int i = 0; i + 1 < keyValues.length; i += 2) {
        String key = String.valueOf(keyValues[i]);
        Object value = keyValues[i + 1];
        if (CORRELATION.contains(key)) {
          context.with(key, value);
        } else if (value != null) {
          event = event.addKeyValue(key, value);
        }
      }
      event.log(message);
    }
  }
}
