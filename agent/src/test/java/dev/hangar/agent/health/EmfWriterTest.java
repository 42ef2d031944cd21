package dev.hangar.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EMF lines: every declared metric is a top-level number, every dimension a top-level string. */
class EmfWriterTest {
  @Test
  @SuppressWarnings("unchecked")
  void lineIsValidEmbeddedMetricFormat() {
    String line = EmfWriter.line(1_764_000_000_000L, "linux-x64", "i-0abc", "busy", "2.321.0",
        new HostFigures(1000, 2000, 0.5), true);
    Map<String, Object> m = Json.parseObject(line);
    Map<String, Object> aws = (Map<String, Object>) m.get("_aws");
    assertEquals(1_764_000_000_000L, aws.get("Timestamp"));
    Map<String, Object> directive = ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).get(0);
    assertEquals("Hangar/Agent", directive.get("Namespace"));
    for (List<String> set : (List<List<String>>) directive.get("Dimensions")) {
      for (String d : set) {
        assertTrue(m.get(d) instanceof String, d);
      }
    }
    for (Map<String, Object> metric : (List<Map<String, Object>>) directive.get("Metrics")) {
      assertTrue(m.get((String) metric.get("Name")) instanceof Number, metric.toString());
    }
    assertEquals(1L, m.get("RunnerBusy"));
    assertEquals(2000L, m.get("MemAvailableBytes"));
    assertTrue(!line.contains("\n"));
  }
}
