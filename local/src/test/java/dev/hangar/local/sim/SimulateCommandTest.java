package dev.hangar.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulate and gen-trace commands: files written, summary printed, bad input refused. */
class SimulateCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int simulate(String... args) {
    return SimulateCommand.run(
        args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path config() {
    return Path.of(System.getProperty("user.dir")).resolve("../examples/config/simulate.yaml").normalize();
  }

  @Test
  void generatesATraceSimulatesItAndWritesTheReports(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("t.jsonl");
    int gen =
        GenTraceCommand.run(
            new String[] {"--kind", "bursty", "--days", "1", "--jobs", "150", "--seed", "4", "--out", trace.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, gen, err.toString(StandardCharsets.UTF_8));
    assertEquals(150, Files.readAllLines(trace).size());
    int code = simulate("--trace", trace.toString(), "--config", config().toString(), "--out", dir.resolve("r").toString(), "--quiet");
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String summary = out.toString(StandardCharsets.UTF_8);
    assertTrue(summary.contains("pickup p95 (s)") && summary.contains("cold-per-job") && summary.contains("fixed-pool"), summary);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("r/report.json").toFile());
    assertEquals(3, report.path("runs").size());
    assertEquals(0, report.path("runs").get(0).path("jobsNeverRun").asInt(-1));
    assertEquals(150, report.path("runs").get(0).path("jobs").asInt());
    String html = Files.readString(dir.resolve("r/report.html"));
    assertTrue(html.contains("<svg") && !html.contains("<script src"), "self-contained charts");
  }

  @Test
  void aBadTraceLineIsRefusedWithItsLineNumber(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("bad.jsonl");
    Files.writeString(trace,
        "{\"queuedAt\":\"2026-01-05T09:00:00Z\",\"labels\":[\"self-hosted\"],\"durationSeconds\":60}\n"
            + "{\"queuedAt\":\"yesterday\",\"labels\":[\"self-hosted\"],\"durationSeconds\":60}\n");
    int code = simulate("--trace", trace.toString(), "--config", config().toString(), "--out", dir.toString());
    assertEquals(2, code);
    String msg = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(1, msg.lines().count(), msg);
    assertTrue(msg.contains("line 2"), msg);
  }

  @Test
  void missingOptionsAndUnknownKindsAreOneLine() {
    assertEquals(2, simulate("--trace", "x.jsonl"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--config is required"));
    ByteArrayOutputStream e2 = new ByteArrayOutputStream();
    int code =
        GenTraceCommand.run(new String[] {"--kind", "weekly", "--out", "x"},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(e2, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(e2.toString(StandardCharsets.UTF_8).contains("unknown trace kind weekly"));
  }
}
