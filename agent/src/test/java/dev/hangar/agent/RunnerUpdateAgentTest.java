package dev.hangar.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.AgentHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent updates the runner the gateway requires before starting it. */
class RunnerUpdateAgentTest {
  @TempDir Path tmp;
  private AgentHarness h;

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  @Test
  void requiredNewerRunnerIsInstalledBeforeTheRunnerStarts() throws Exception {
    h = new AgentHarness(tmp.resolve("agent"), "i-0c000000000000001");
    byte[] tar = dev.hangar.agent.testing.RunnerTarballs.tarball(tmp, "2.321.0", "hold");
    h.gateway.requireRunner("2.321.0", h.gateway.serve("r.tar.gz", tar),
        dev.hangar.agent.testing.RunnerTarballs.sha256(tar));
    h.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.gateway.calls("/agent/v1/heartbeat").stream()
        .anyMatch(c -> "2.321.0".equals(c.body().get("runnerVersion"))));
    h.releaseJob();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.gateway.retired("i-0c000000000000001"));
    Path current = h.runnerDir.resolve("current");
    assertTrue(Files.exists(current.resolve("standin-jit.sha256")), "the new runner ran the job");
    assertTrue(!Files.exists(h.runnerDir.resolve("standin-jit.sha256")), "the old runner did not run");
    assertEquals("2.321.0", Files.readString(current.resolve("VERSION")).trim());
  }

  @Test
  void badChecksumKeepsTheInstalledRunnerAndSaysWhy() throws Exception {
    h = new AgentHarness(tmp.resolve("agent"), "i-0c000000000000002");
    byte[] tar = dev.hangar.agent.testing.RunnerTarballs.tarball(tmp, "2.321.0");
    h.gateway.requireRunner("2.321.0", h.gateway.serve("r.tar.gz", tar), "0".repeat(64));
    h.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.gateway.retired("i-0c000000000000002"));
    assertTrue(h.allLogs().contains("runner update failed"));
    assertTrue(h.allLogs().contains("expected " + "0".repeat(64)));
    assertTrue(Files.exists(h.runnerDir.resolve("standin-jit.sha256")), "the installed runner ran the job");
    assertTrue(!Files.exists(h.runnerDir.resolve("current")));
  }
}
