package dev.hangar.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and one-line messages. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void checkConfigAcceptsTheExample() {
    assertEquals(0, run("check-config", "--config", "../examples/config/local.yaml"), err());
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("config OK: 2 pool(s) (linux, gpu)"));
  }

  @Test
  void checkConfigRefusesABadFileWithOneLineNamingTheKey(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        github: {webhookSecrets: [x]}
        queue: {embedded: true}
        pools:
          - {name: linux, labels: [linux], maxRunners: 0, tiers: [{asg: a, kind: warm}]}
        """);
    assertEquals(1, run("check-config", "--config=" + bad));
    assertEquals("config: pools[0].maxRunners: must be >= 1\n", err());
  }

  @Test
  void missingFileIsAConfigError() {
    assertEquals(1, run("check-config", "--config", "/nonexistent.yaml"));
    assertEquals(1, err().lines().count());
  }

  @Test
  void serveRefusesABadConfigBeforeStarting(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "queue: {embedded: true}\n");
    assertEquals(1, run("serve", "--config", bad.toString()));
    assertEquals("config: github.webhookSecrets: at least one secret is required\n", err());
  }

  @Test
  void serveRefusesTheEmbeddedQueueWhichOnlyHangarLocalRuns() {
    assertEquals(1, run("serve", "--config", "../examples/config/local.yaml"));
    assertEquals("config: queue.embedded: " + Adapters.EMBEDDED_QUEUE_REFUSAL + "\n", err());
    assertTrue(err().contains("hangar-local"));
  }

  @Test
  void usageErrorsExit2() {
    assertEquals(2, run());
    assertEquals(2, run("launch"));
    assertTrue(err().contains("unknown command 'launch'"));
    assertEquals(2, run("check-config"));
    assertTrue(err().contains("--config FILE is required"));
    assertEquals(2, run("serve", "--verbose"));
  }
}
