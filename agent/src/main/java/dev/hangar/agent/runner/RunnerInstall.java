package dev.hangar.agent.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner on disk: {@code <runner.dir>/current} (a symlink to {@code versions/<v>}) when the
 * agent manages versions, otherwise {@code <runner.dir>} itself as baked into the AMI.
 */
public final class RunnerInstall {
  /**
   * The runner's work folder, relative to the runner's directory: the gateway registers every JIT
   * runner with {@code work_folder: _work}. Jobs check out, build and keep temporary files
   * ({@code _work/_temp}, {@code RUNNER_TEMP}) there.
   */
  public static final String WORK_FOLDER = "_work";
  private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
  private final Path dir;
  private final UserSwitch user;

  public RunnerInstall(Path dir, UserSwitch user) {
    this.dir = dir;
    this.user = user;
  }

  public Path dir() {
    return dir;
  }

  /** The directory holding {@code run.sh} now. */
  public Path home() {
    Path current = dir.resolve("current");
    return Files.isDirectory(current) ? current : dir;
  }

  /** Where the runner's jobs work ({@link #WORK_FOLDER} of the runner's directory). */
  public Path workDir() {
    return home().resolve(WORK_FOLDER);
  }

  public Path runScript() {
    return home().resolve("run.sh");
  }

  /** Runs {@code run.sh --version} as the runner user and returns the version it prints. */
  public String installedVersion() throws IOException, InterruptedException {
    Path script = runScript();
    if (!Files.isRegularFile(script)) {
      throw new IOException("no runner at " + script);
    }
    Process p = new ProcessBuilder(user.command(List.of(script.toString(), "--version")))
        .directory(home().toFile())
        .redirectErrorStream(true)
        .start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readNBytes(4096);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(script + " --version did not finish in 30 s");
    }
    Matcher m = VERSION.matcher(new String(out, StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new IOException(script + " --version printed no version");
    }
    return m.group(1);
  }

  /** Compares dotted versions numerically; negative when {@code a} is older than {@code b}. */
  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? parse(x[i]) : 0;
      int yi = i < y.length ? parse(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
