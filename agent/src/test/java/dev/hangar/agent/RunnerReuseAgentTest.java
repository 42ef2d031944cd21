package dev.hangar.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.AgentHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runner reuse end to end on the agent: the runner stand-in runs one job per JIT config, the
 * gateway stand-in allows three registrations per launch; between jobs the agent empties the work
 * folder (the stand-in records what each job found there) and registers the next job's runner.
 */
class RunnerReuseAgentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path tmp;
  private AgentHarness h;

  @AfterEach
  void tearDown() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void threeJobsOnOneInstanceEachOnACleanWorkFolderThenRetirement() throws Exception {
    String id = "i-0d000000000000001";
    h = new AgentHarness(tmp.resolve("agent"), id);
    h.gateway.maxJobsPerRunner(3);
    h.runnerJob("quick");
    // Left in the work folder before the first job: a link out of it, whose target must survive.
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "not the job's");
    Files.createDirectories(h.runnerHome().resolve("_work"));
    Files.createSymbolicLink(h.runnerHome().resolve("_work/link-outside"), outside);
    String runScript = Files.readString(h.runnerHome().resolve("run.sh"));
    h.start();

    await().atMost(WAIT).until(() -> h.gateway.retired(id));
    await().atMost(WAIT).until(() -> h.agent().state() == AgentState.RETIRED);
    assertEquals(List.of(1, 2, 3), h.gateway.registeredSequences());
    assertEquals(3, h.gateway.events("job-completed").size());
    assertTrue(h.gateway.events("job-completed").stream().allMatch(e -> "success".equals(e.get("conclusion"))));
    assertEquals(3, h.gateway.events("job-started").size());
    assertEquals(1, h.gateway.calls("/agent/v1/retire").size());
    assertEquals("job-completed", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));

    // What each job found in _work: the planted link before the first, nothing before the others.
    List<String> seen = Files.readAllLines(h.runnerHome().resolve("standin-work-seen"));
    assertEquals(3, seen.size(), seen.toString());
    assertEquals("link-outside", seen.get(0).trim());
    assertEquals("", seen.get(1).trim(), "job 1's checkout and temp files were gone");
    assertEquals("", seen.get(2).trim(), "job 2's checkout and temp files were gone");
    assertEquals("not the job's", Files.readString(outside.resolve("keep.txt")), "the link was not followed");
    assertEquals(runScript, Files.readString(h.runnerHome().resolve("run.sh")), "the runner install is untouched");
    assertEquals("2.320.0", Files.readString(h.runnerHome().resolve("VERSION")).trim());

    // A fresh JIT config for each job; the last runner got the last one; none in the logs.
    List<String> jits = h.gateway.jitConfigs();
    assertEquals(3, new HashSet<>(jits).size());
    assertEquals(sha256(jits.get(2)), Files.readString(h.runnerHome().resolve("standin-jit.sha256")).trim());
    for (String jit : jits) {
      assertFalse(h.allLogs().contains(jit), "JIT config in the agent log");
    }
    assertTrue(h.gateway.violations().isEmpty(), h.gateway.violations().toString());
    assertFalse(h.shutdownCalled());
  }

  @Test
  void aSpotNoticeDuringTheSecondJobEndsReuseThere() throws Exception {
    String id = "i-0d000000000000002";
    h = new AgentHarness(tmp.resolve("agent"), id);
    h.set("spot.stopLead", "2s");
    h.gateway.maxJobsPerRunner(3);
    h.runnerJob("hold");
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.events("job-started").size() == 1);
    h.releaseJob();
    await().atMost(WAIT).until(() -> h.gateway.events("job-started").size() == 2);
    assertEquals(List.of(1, 2), h.gateway.registeredSequences());

    Instant deadline = Instant.now().plusSeconds(3);
    h.imds.spotInterruption("terminate", deadline.toString().replaceAll("\\.\\d+Z$", "Z"));

    await().atMost(WAIT).until(() -> h.gateway.retired(id));
    assertEquals("spot-interruption", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
    List<Map<String, Object>> completed = h.gateway.events("job-completed");
    assertEquals(2, completed.size());
    assertEquals("success", completed.get(0).get("conclusion"));
    assertEquals("cancelled", completed.get(1).get("conclusion"), "the second job was stopped for the deadline");
    assertEquals(List.of(1, 2), h.gateway.registeredSequences(), "no third registration");
    assertEquals(1, h.gateway.events("spot-interruption").size());
  }

  @Test
  void aSpotNoticeWhileTheNextRunnerWaitsForAJobRetiresAtOnce() throws Exception {
    String id = "i-0d000000000000003";
    h = new AgentHarness(tmp.resolve("agent"), id);
    h.gateway.maxJobsPerRunner(3);
    h.runnerJob("hold");
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.events("job-started").size() == 1);
    // The next runner will wait for a job (idle) instead of taking one at once.
    h.runnerJob("none");
    h.releaseJob();
    await().atMost(WAIT).until(() -> h.gateway.registeredSequences().size() == 2
        && h.agent().state() == AgentState.IDLE);
    h.imds.spotInterruption("terminate", Instant.now().plusSeconds(120).toString());

    await().atMost(WAIT).until(() -> h.gateway.retired(id));
    assertEquals("spot-interruption", h.gateway.calls("/agent/v1/retire").get(0).body().get("reason"));
    assertEquals(1, h.gateway.events("job-completed").size());
    assertEquals(List.of(1, 2), h.gateway.registeredSequences());
  }

  @Test
  void anEphemeralPoolStillRunsOneJobAndRetires() throws Exception {
    String id = "i-0d000000000000004";
    h = new AgentHarness(tmp.resolve("agent"), id);
    h.runnerJob("quick");
    h.start();
    await().atMost(WAIT).until(() -> h.gateway.retired(id));
    assertEquals(List.of(1), h.gateway.registeredSequences());
    assertEquals(1, h.gateway.events("job-completed").size());
    assertTrue(h.gateway.calls().stream().noneMatch(c -> c.body().containsKey("sequence")));
    assertTrue(Files.exists(h.runnerHome().resolve("_work/octo-repo/octo-repo/output.bin")),
        "nothing cleaned when no other job follows");
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
