package dev.hangar.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.local.sim.SimResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local demo end to end: signed webhooks through the real route, embedded SQS, the ledger,
 * the reconciler and the full scaling pass on the simulated fleet; every job runs.
 */
class DemoTest {
  private static final ch.qos.logback.classic.Logger ROOT =
      (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private ch.qos.logback.classic.Level rootLevel;

  @BeforeEach
  void rememberLogLevel() {
    rootLevel = ROOT.getLevel();
  }

  // The demo quiets the root logger for its console (fine for the CLI process); in this JVM the
  // classes that run later assert on log lines, so the level is put back.
  @AfterEach
  void restoreLogLevel() {
    ROOT.setLevel(rootLevel);
  }

  @Test
  void aShortDemoRunsEveryJobThroughTheRealGateway(@TempDir Path dir) throws Exception {
    Path config = Path.of(System.getProperty("user.dir")).resolve("../examples/config/simulate.yaml").normalize();
    Demo.Options options =
        DemoCommand.options(
            new String[] {
              "--config", config.toString(), "--duration", "5", "--speed", "1000", "--port", "0",
              "--jobs-per-day", "1500", "--out", dir.toString(), "--quiet"
            });
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SimResult r = new Demo(options, new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
    String console = buf.toString(StandardCharsets.UTF_8);
    assertTrue(options.trace().size() > 0);
    assertEquals(0, r.neverRun(), console);
    assertEquals(options.trace().size(), r.completed());
    assertTrue(console.contains("webhooks accepted"), console);
    assertTrue(console.contains("refused 0"), console);
    assertTrue(Files.readString(dir.resolve("report.html")).contains("<svg"));
  }

  @Test
  void badOptionsAreRefusedWithOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        DemoCommand.run(
            new String[] {"--speed", "0"}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    String msg = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(1, msg.lines().count(), msg);
    assertTrue(msg.contains("--speed"), msg);
  }
}
