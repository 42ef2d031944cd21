package dev.hangar.agent.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Builds runner tarballs (the stand-in at a given version), as a release mirror would serve them. */
public final class RunnerTarballs {
  private RunnerTarballs() {}

  /** A {@code .tar.gz} whose root holds the stand-in run.sh reporting {@code version}. */
  public static byte[] tarball(Path work, String version) throws Exception {
    return tarball(work, version, "quick");
  }

  /** The same, with the stand-in's job behaviour ({@code quick}, {@code hold}, …) preset. */
  public static byte[] tarball(Path work, String version, String job) throws Exception {
    Path src = work.resolve("build-" + version + "-" + job);
    AgentHarness.installStandIn(src, version);
    Files.writeString(src.resolve("standin-control"), "job=" + job + "\n");
    Path tar = work.resolve("actions-runner-linux-x64-" + version + "-" + job + ".tar.gz");
    Process p = new ProcessBuilder("tar", "-czf", tar.toString(), "-C", src.toString(), ".").inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("tar failed");
    }
    return Files.readAllBytes(tar);
  }

  public static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
