package dev.hangar.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: bad configuration exits 2 with one line; --check-config exits 0 when fine. */
class MainTest {
  @TempDir Path tmp;

  private record Result(int code, String err) {}

  private Result run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      return new Result(Main.run(args, Map.of()), buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void badConfigurationIsOneLineAndExitCodeTwo() throws Exception {
    Path f = tmp.resolve("agent.properties");
    Files.writeString(f, "gateway.url=http://g\nretire.deadline=soon\n");
    Result r = run("--config", f.toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("hangar-agent: bad configuration: 'retire.deadline'"), r.err());
  }

  @Test
  void unknownArgumentExitsTwo() {
    assertEquals(2, run("--frobnicate").code());
  }

  @Test
  void checkConfigAcceptsAGoodFile() throws Exception {
    Path f = tmp.resolve("agent.properties");
    Files.writeString(f, "gateway.url=http://g\n");
    assertEquals(0, run("--config", f.toString(), "--check-config").code());
  }
}
