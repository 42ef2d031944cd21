package dev.hangar.gateway.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of the JVM (root logger) so tests can assert what was written. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  /** Starts capturing. */
  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Events so far. */
  public synchronized List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return new ArrayList<>(appender.list);
    }
  }

  /** Every captured line as text: message, MDC, arguments, exceptions. */
  public String allText() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : events()) {
      sb.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ')
          .append(e.getMDCPropertyMap()).append('\n');
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        sb.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
