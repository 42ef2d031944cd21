package dev.hangar.agent.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.AgentHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleaning the work folder between two jobs of a reused instance: what a job left is gone, the
 * runner install and everything a link points at stay as they are.
 */
class WorkDirCleanerTest {
  @TempDir Path tmp;
  Path runner;
  Path work;
  Path outside;
  Map<String, String> installBefore;

  @BeforeEach
  void plant() throws IOException {
    runner = tmp.resolve("runner");
    AgentHarness.installStandIn(runner, "2.320.0");
    Files.createDirectories(runner.resolve("_diag"));
    Files.writeString(runner.resolve("_diag/Runner_20260105-100000-utc.log"), "Listening for Jobs\n");
    Files.writeString(runner.resolve(".runner"), "{}\n");
    work = new RunnerInstall(runner, new UserSwitch(System.getProperty("user.name"), "{user}")).workDir();
    assertEquals(runner.resolve("_work"), work);
    outside = tmp.resolve("outside");
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("secret.txt"), "not the job's");
    Files.writeString(outside.resolve("dir/kept.txt"), "not the job's either");
    installBefore = tree(runner, "_work");
  }

  @Test
  void whatAJobLeftIsGoneAndTheFolderStays() throws IOException {
    Files.createDirectories(work.resolve("octo-repo/octo-repo/node_modules/.bin"));
    Files.writeString(work.resolve("octo-repo/octo-repo/node_modules/.bin/tool"), "#!/bin/sh\n");
    Files.createDirectories(work.resolve("_temp/_runner_file_commands"));
    Files.writeString(work.resolve("_temp/_runner_file_commands/set_env_1"), "TOKEN=from-the-last-job\n");
    Files.writeString(work.resolve(".credentials"), "ghs_leftover");
    Files.createDirectories(work.resolve("_tool/go/pkg/mod/example.com@v1"));
    Files.writeString(work.resolve("_tool/go/pkg/mod/example.com@v1/go.mod"), "module example.com\n");
    // Go's module cache is read-only: the cleaning must get through it anyway.
    Files.setPosixFilePermissions(work.resolve("_tool/go/pkg/mod/example.com@v1"),
        PosixFilePermissions.fromString("r-xr-xr-x"));

    WorkDirCleaner.empty(work);

    assertTrue(Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS), "the work folder itself stays");
    assertEquals(List.of(), list(work));
    assertEquals(installBefore, tree(runner, "_work"), "the runner install is untouched");
  }

  @Test
  void linksAreRemovedAsLinksAndTheirTargetsKept() throws IOException {
    Files.createDirectories(work.resolve("octo-repo"));
    Files.createSymbolicLink(work.resolve("to-a-file"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(work.resolve("to-a-dir"), outside.resolve("dir"));
    Files.createSymbolicLink(work.resolve("octo-repo/to-the-install"), runner);
    Files.createSymbolicLink(work.resolve("dangling"), tmp.resolve("nowhere"));

    WorkDirCleaner.empty(work);

    assertEquals(List.of(), list(work));
    assertEquals("not the job's", Files.readString(outside.resolve("secret.txt")));
    assertEquals("not the job's either", Files.readString(outside.resolve("dir/kept.txt")));
    assertEquals(installBefore, tree(runner, "_work"), "a link into the install was not followed");
  }

  @Test
  void aWorkFolderReplacedByALinkIsRemovedNotFollowed() throws IOException {
    Files.createSymbolicLink(work, outside);

    WorkDirCleaner.empty(work);

    assertFalse(Files.exists(work, LinkOption.NOFOLLOW_LINKS), "the link is gone; the runner makes _work again");
    assertEquals("not the job's", Files.readString(outside.resolve("secret.txt")));
    assertEquals("not the job's either", Files.readString(outside.resolve("dir/kept.txt")));
  }

  @Test
  void noWorkFolderYetIsNothingToDo() throws IOException {
    WorkDirCleaner.empty(work);
    assertFalse(Files.exists(work));
    assertEquals(installBefore, tree(runner, "_work"));
  }

  @Test
  void theSupervisorCleansOnlyTheWorkFolderOfTheInstalledRunner() throws IOException {
    UserSwitch user = new UserSwitch(System.getProperty("user.name"), "{user}");
    RunnerSupervisor supervisor = new RunnerSupervisor(new RunnerInstall(runner, user), user,
        new dev.hangar.agent.log.Log(line -> { }));
    Files.createDirectories(work.resolve("_temp"));
    Files.writeString(work.resolve("_temp/scratch"), "x");
    supervisor.cleanWork();
    assertEquals(List.of(), list(work));
    assertEquals(installBefore, tree(runner, "_work"));
  }

  @Test
  void aFileWhereTheFolderShouldBeIsRemoved() throws IOException {
    Files.writeString(work, "a job wrote a file named _work");
    WorkDirCleaner.empty(work);
    assertFalse(Files.exists(work, LinkOption.NOFOLLOW_LINKS));
    assertThrows(IOException.class, () -> Files.readString(work));
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every path under {@code root} (except {@code skip}) with its content or kind, links not followed. */
  private static Map<String, String> tree(Path root, String skip) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        String rel = root.relativize(p).toString();
        if (rel.equals(skip) || rel.startsWith(skip + "/")) {
          continue;
        }
        out.put(rel, Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
            : Files.isDirectory(p) ? "dir" : Files.readString(p));
      }
    }
    return out;
  }
}
