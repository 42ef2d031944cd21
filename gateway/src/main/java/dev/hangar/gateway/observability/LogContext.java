package dev.hangar.gateway.observability;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Puts correlation keys into the logging MDC for the duration of a try-with-resources block.
 * Event-loop threads serve many requests, so keys are removed again on close (put them around
 * the log call, not across an asynchronous boundary).
 */
public final class LogContext implements AutoCloseable {
  public static final String DELIVERY_ID = "deliveryId";
  public static final String JOB_ID = "jobId";
  public static final String POOL = "pool";
  public static final String INSTANCE_ID = "instanceId";
  public static final String TRACE_ID = "traceId";

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
}
