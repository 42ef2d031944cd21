package dev.hangar.agent.health;

import dev.hangar.agent.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes health figures as CloudWatch Embedded Metric Format lines (namespace {@code Hangar/Agent},
 * dimension sets {@code [Pool]} and {@code [Pool, InstanceId]}) to stdout or a file the
 * CloudWatch agent tails. See docs/agent.md.
 */
public final class EmfWriter {
  public static final String NAMESPACE = "Hangar/Agent";
  private final Consumer<String> out;

  public EmfWriter(Consumer<String> out) {
    this.out = out;
  }

  /** Appends to {@code file} when given, else prints to standard output. */
  public static EmfWriter to(Optional<Path> file) {
    if (file.isEmpty()) {
      return new EmfWriter(line -> {
        System.out.println(line);
        System.out.flush();
      });
    }
    Path path = file.get();
    return new EmfWriter(line -> {
      try {
        Files.writeString(path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        System.err.println("{\"level\":\"WARN\",\"msg\":\"cannot write EMF line to " + path + "\"}");
      }
    });
  }

  /** Builds one EMF line for the figures; {@code busy} is 1 while a job runs. */
  public static String line(long timestampMillis, String pool, String instanceId, String state,
      String runnerVersion, HostFigures f, boolean busy) {
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put("Dimensions", List.of(List.of("Pool"), List.of("Pool", "InstanceId")));
    directive.put("Metrics", List.of(
        metric("DiskFreeBytes", "Bytes"),
        metric("MemAvailableBytes", "Bytes"),
        metric("Load1", "None"),
        metric("RunnerBusy", "Count")));
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", timestampMillis);
    aws.put("CloudWatchMetrics", List.of(directive));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("_aws", aws);
    line.put("Pool", pool);
    line.put("InstanceId", instanceId);
    line.put("State", state);
    line.put("RunnerVersion", runnerVersion);
    line.put("DiskFreeBytes", f.diskFreeBytes());
    line.put("MemAvailableBytes", f.memAvailableBytes());
    line.put("Load1", f.load1());
    line.put("RunnerBusy", busy ? 1 : 0);
    return Json.write(line);
  }

  private static Map<String, Object> metric(String name, String unit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Unit", unit);
    return m;
  }

  public void write(String line) {
    out.accept(line);
  }
}
