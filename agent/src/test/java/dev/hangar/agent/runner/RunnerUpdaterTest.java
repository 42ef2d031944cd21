package dev.hangar.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.gateway.RunnerDownload;
import dev.hangar.agent.log.Log;
import dev.hangar.agent.testing.AgentHarness;
import dev.hangar.agent.testing.GatewayStandIn;
import dev.hangar.agent.testing.RunnerTarballs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runner updates: SHA-256 checked, unpacked beside the old version, switched atomically. */
class RunnerUpdaterTest {
  @TempDir Path tmp;
  private GatewayStandIn mirror;
  private final List<String> logs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    mirror = new GatewayStandIn(AgentHarness.identity());
  }

  @AfterEach
  void tearDown() {
    mirror.close();
  }

  @Test
  void goodChecksumInstallsTheNewVersionAndSwitchesCurrent() throws Exception {
    Path runner = tmp.resolve("runner");
    AgentHarness.installStandIn(runner, "2.320.0");
    UserSwitch user = new UserSwitch(System.getProperty("user.name"), "setpriv --reuid={user} --");
    RunnerInstall install = new RunnerInstall(runner, user);
    assertEquals("2.320.0", install.installedVersion());
    byte[] tar = RunnerTarballs.tarball(tmp, "2.321.0");
    String url = mirror.serve("runner-2.321.0.tar.gz", tar);

    new RunnerUpdater(install, user, Duration.ofSeconds(5), new Log(logs::add))
        .install("2.321.0", new RunnerDownload(URI.create(url), RunnerTarballs.sha256(tar)));

    assertEquals("2.321.0", install.installedVersion());
    assertTrue(Files.isSymbolicLink(runner.resolve("current")));
    assertEquals(runner.resolve("versions/2.321.0"), runner.resolve("current").toRealPath());
    assertEquals("2.320.0", Files.readString(runner.resolve("VERSION")).trim(), "old version untouched");
    try (var left = Files.list(runner.resolve("versions"))) {
      assertEquals(List.of("2.321.0"), left.map(p -> p.getFileName().toString()).toList(), "no leftovers");
    }
  }

  @Test
  void wrongChecksumFailsClearlyAndLeavesTheInstalledRunnerAlone() throws Exception {
    Path runner = tmp.resolve("runner");
    AgentHarness.installStandIn(runner, "2.320.0");
    UserSwitch user = new UserSwitch(System.getProperty("user.name"), "setpriv --reuid={user} --");
    RunnerInstall install = new RunnerInstall(runner, user);
    byte[] tar = RunnerTarballs.tarball(tmp, "2.321.0");
    String url = mirror.serve("runner-2.321.0.tar.gz", tar);
    String wrong = RunnerTarballs.sha256("something else".getBytes());

    RunnerUpdater.UpdateFailedException e = assertThrows(RunnerUpdater.UpdateFailedException.class,
        () -> new RunnerUpdater(install, user, Duration.ofSeconds(5), new Log(logs::add))
            .install("2.321.0", new RunnerDownload(URI.create(url), wrong)));

    assertTrue(e.getMessage().contains("SHA-256 " + RunnerTarballs.sha256(tar)) && e.getMessage().contains("expected " + wrong)
        && e.getMessage().contains("keeping the installed runner"), e.getMessage());
    assertEquals("2.320.0", install.installedVersion());
    assertFalse(Files.exists(runner.resolve("current")));
    assertFalse(Files.exists(runner.resolve("versions/2.321.0")));
    try (var left = Files.list(runner.resolve("versions"))) {
      assertEquals(0, left.count(), "download removed");
    }
  }

  @Test
  void missingChecksumIsRefused() throws Exception {
    Path runner = tmp.resolve("runner");
    AgentHarness.installStandIn(runner, "2.320.0");
    UserSwitch user = new UserSwitch(System.getProperty("user.name"), "x {user}");
    RunnerInstall install = new RunnerInstall(runner, user);
    RunnerUpdater.UpdateFailedException e = assertThrows(RunnerUpdater.UpdateFailedException.class,
        () -> new RunnerUpdater(install, user, Duration.ofSeconds(5), new Log(logs::add))
            .install("2.321.0", new RunnerDownload(URI.create(mirror.url() + "/downloads/x"), "")));
    assertTrue(e.getMessage().contains("no SHA-256"), e.getMessage());
    assertEquals("2.320.0", install.installedVersion());
  }

  @Test
  void versionsCompareNumerically() {
    assertTrue(RunnerInstall.compare("2.320.0", "2.321.0") < 0);
    assertTrue(RunnerInstall.compare("2.1000.0", "2.999.9") > 0);
    assertEquals(0, RunnerInstall.compare("2.320.0", "2.320.0"));
  }
}
