package dev.hangar.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and writes job traces: JSON lines of {@code {"queuedAt": ISO-8601, "labels": [...],
 * "durationSeconds": n, "repository": "owner/repo"}}; blank lines and lines starting with
 * {@code #} are skipped.
 */
public final class TraceIo {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceIo() {}

  /** Reads a trace and sorts it by queue time; a bad line fails with its line number. */
  public static List<TraceJob> read(Path file) throws IOException {
    List<TraceJob> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        out.add(parse(s, file, n));
      }
    }
    out.sort(Comparator.comparing(TraceJob::queuedAt));
    return out;
  }

  private static TraceJob parse(String s, Path file, int n) {
    try {
      JsonNode node = JSON.readTree(s);
      Instant at = Instant.parse(node.path("queuedAt").asText());
      List<String> labels = new ArrayList<>();
      for (JsonNode l : node.path("labels")) {
        labels.add(l.asText());
      }
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("labels missing");
      }
      double duration = node.path("durationSeconds").asDouble(-1);
      if (duration < 0) {
        throw new IllegalArgumentException("durationSeconds missing or negative");
      }
      String repo = node.path("repository").asText("sim/repo");
      return new TraceJob(at, labels, duration, repo);
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file.getFileName() + " line " + n + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Writes a trace as JSON lines. */
  public static void write(List<TraceJob> jobs, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(128);
    for (TraceJob j : jobs) {
      sb.setLength(0);
      sb.append("{\"queuedAt\":\"").append(j.queuedAt()).append("\",\"labels\":[");
      for (int k = 0; k < j.labels().size(); k++) {
        if (k > 0) {
          sb.append(',');
        }
        sb.append(JSON.writeValueAsString(j.labels().get(k)));
      }
      sb.append("],\"durationSeconds\":").append(Math.round(j.durationSeconds()))
          .append(",\"repository\":").append(JSON.writeValueAsString(j.repository()))
          .append("}\n");
      out.write(sb.toString());
    }
  }
}
