package dev.hangar.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production {@code logback.xml} writes one JSON object per line with the MDC keys. */
class JsonLogFormatTest {

  @Test
  void productionLayoutIsJsonLinesWithCorrelationKeys() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(JsonLogFormatTest.class.getResource("/logback.xml"));
    try {
      var async = (AsyncAppenderBase<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
      @SuppressWarnings("unchecked")
      var json = (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) async.getAppender("JSON");
      LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.hangar.gateway.webhook.WebhookHandler"),
          Level.INFO, "webhook {} {}", null, new Object[] {"workflow_job", "accepted"});
      event.setMDCPropertyMap(Map.of(LogContext.DELIVERY_ID, "d-1", LogContext.JOB_ID, "42", LogContext.POOL, "linux",
          LogContext.TRACE_ID, "0af7651916cd43dd8448eb211c80319c"));

      String line = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);

      assertEquals(1, line.strip().lines().count(), line);
      JsonNode node = new ObjectMapper().readTree(line);
      assertEquals("INFO", node.get("level").asText());
      assertEquals("webhook workflow_job accepted", node.get("formattedMessage").asText());
      assertEquals("d-1", node.get("mdc").get("deliveryId").asText());
      assertEquals("42", node.get("mdc").get("jobId").asText());
      assertEquals("linux", node.get("mdc").get("pool").asText());
      assertEquals("0af7651916cd43dd8448eb211c80319c", node.get("mdc").get("traceId").asText());
      assertFalse(node.has("context"), "no logger-context noise on every line");
    } finally {
      context.stop();
    }
  }

  @Test
  void logContextRemovesItsKeys() {
    try (LogContext ignored = LogContext.open().with(LogContext.POOL, "linux").with(LogContext.JOB_ID, null)) {
      assertEquals("linux", org.slf4j.MDC.get(LogContext.POOL));
      assertEquals(null, org.slf4j.MDC.get(LogContext.JOB_ID));
    }
    assertEquals(null, org.slf4j.MDC.get(LogContext.POOL));
  }
}
