package dev.hangar.agent.runner;

import dev.hangar.agent.gateway.RunnerDownload;
import dev.hangar.agent.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Installs a runner version: download the tarball, check its SHA-256, unpack into
 * {@code versions/<v>}, then switch the {@code current} symlink with one atomic rename. A bad
 * checksum leaves the installed version exactly as it was.
 */
public final class RunnerUpdater {
  private final RunnerInstall install;
  private final UserSwitch user;
  private final Duration timeout;
  private final Log log;

  public RunnerUpdater(RunnerInstall install, UserSwitch user, Duration timeout, Log log) {
    this.install = install;
    this.user = user;
    this.timeout = timeout;
    this.log = log;
  }

  /** Thrown when the update must not proceed; the installed runner is untouched. */
  public static final class UpdateFailedException extends Exception {
    public UpdateFailedException(String message) {
      super(message);
    }
  }

  public void install(String version, RunnerDownload download) throws UpdateFailedException, InterruptedException {
    if (!version.matches("[0-9A-Za-z.\\-]+")) {
      throw new UpdateFailedException("refusing runner version '" + version + "'");
    }
    if (!download.sha256().matches("[0-9a-fA-F]{64}")) {
      throw new UpdateFailedException("runner " + version + " download has no SHA-256 to check; keeping the installed runner");
    }
    Path versions = install.dir().resolve("versions");
    Path target = versions.resolve(version);
    Path tarball = versions.resolve(".download-" + version + ".tar.gz");
    Path staging = versions.resolve(".unpack-" + version);
    try {
      Files.createDirectories(versions);
      String actual = download(download, tarball);
      if (!actual.equalsIgnoreCase(download.sha256().trim())) {
        throw new UpdateFailedException("runner " + version + " from " + download.url()
            + " has SHA-256 " + actual + ", expected " + download.sha256().toLowerCase(Locale.ROOT)
            + "; keeping the installed runner");
      }
      if (!Files.isDirectory(target)) {
        deleteTree(staging);
        Files.createDirectories(staging);
        untar(tarball, staging);
        if (!Files.isRegularFile(staging.resolve("run.sh"))) {
          throw new UpdateFailedException("runner " + version + " tarball has no run.sh");
        }
        chown(staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      }
      Path link = install.dir().resolve(".current-" + version);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, install.dir().relativize(target));
      // rename(2) over the old symlink: readers see the old or the new runner, never neither.
      Files.move(link, install.dir().resolve("current"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      log.info("runner updated", "runnerVersion", version);
    } catch (IOException e) {
      throw new UpdateFailedException("runner " + version + " update failed: " + e.getMessage()
          + "; keeping the installed runner");
    } finally {
      quietDelete(tarball);
      quietDeleteTree(staging);
    }
  }

  private String download(RunnerDownload download, Path tarball) throws IOException, InterruptedException,
      UpdateFailedException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) download.url().toURL().openConnection();
    c.setConnectTimeout((int) timeout.toMillis());
    c.setReadTimeout((int) Duration.ofMinutes(2).toMillis());
    c.setInstanceFollowRedirects(true); // release mirrors redirect to object storage
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int status = c.getResponseCode();
    if (status != 200) {
      c.disconnect();
      throw new UpdateFailedException("runner download " + download.url() + " answered HTTP " + status
          + "; keeping the installed runner");
    }
    try (InputStream in = new DigestInputStream(c.getInputStream(), sha);
        OutputStream out = Files.newOutputStream(tarball)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private void untar(Path tarball, Path into) throws IOException, InterruptedException, UpdateFailedException {
    Process p = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString(), "--no-same-owner")
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readNBytes(2000);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new UpdateFailedException("cannot unpack runner tarball: " + new String(out).trim());
    }
  }

  private void chown(Path dir) throws IOException, InterruptedException {
    if (!user.switching()) {
      return;
    }
    Process p = new ProcessBuilder("chown", "-R", user.user() + ":", dir.toString()).inheritIO().start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("chown to " + user.user() + " failed");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void quietDeleteTree(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException ignored) {
      // Leftover staging is removed on the next attempt.
    }
  }

  private static void quietDelete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A stale download is overwritten next time.
    }
  }

}
