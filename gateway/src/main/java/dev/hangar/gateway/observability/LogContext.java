package dev.hangar.gateway.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one way Hangar adds log context: correlation keys ({@code deliveryId}, {@code jobId},
 * {@code pool}, {@code instanceId}, {@code traceId}) go into the logging MDC for the duration of
 * a try-with-resources block, or of one line written by {@link #info}, {@link #warn} or {@link
 * #error} (whose other key-values become structured arguments). Event-loop threads serve many
 * requests, so keys are removed again on close (put them around the log call, not across an
 * asynchronous boundary). Callers never pass tokens or JIT configs.
 */
public final class LogContext implements AutoCloseable {
  public static final String DELIVERY_ID = "deliveryId";
  public static final String JOB_ID = "jobId";
  public static final String POOL = "pool";
  public static final String INSTANCE_ID = "instanceId";
  public static final String TRACE_ID = "traceId";

  private static final Set<String> CORRELATION = Set.of(DELIVERY_ID, JOB_ID, POOL, INSTANCE_ID, TRACE_ID);

  private final List<String> keys = new ArrayList<>(5);

  private LogContext() {}

  /** A context with no keys yet. */
  public static LogContext open() {
    return new LogContext();
  }

  /** Adds a key; null values are skipped. */
  public LogContext with(String key, Object value) {
    if (value != null) {
      MDC.put(key, String.valueOf(value));
      keys.add(key);
    }
    return this;
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }

  /** Logs at INFO: correlation keys of {@code keyValues} in the MDC, the others as key-values. */
  public static void info(Logger log, String message, Object... keyValues) {
    write(log, Level.INFO, message, keyValues);
  }

  /** As {@link #info}, at WARN. */
  public static void warn(Logger log, String message, Object... keyValues) {
    write(log, Level.WARN, message, keyValues);
  }

  /** As {@link #info}, at ERROR. */
  public static void error(Logger log, String message, Object... keyValues) {
    write(log, Level.ERROR, message, keyValues);
  }

  private static void write(Logger log, Level level, String message, Object... keyValues) {
    if (!log.isEnabledForLevel(level)) {
      return;
    }
    try (LogContext context = open()) {
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
