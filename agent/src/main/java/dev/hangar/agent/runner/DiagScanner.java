package dev.hangar.agent.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the runner's diagnostics. run.sh maps most failures to exit code 0, so the agent decides
 * what happened from these lines (and the job hooks), never from the exit code.
 */
public final class DiagScanner {
  private static final Pattern RUNNING = Pattern.compile("Running job: (.+)$");
  private static final Pattern COMPLETED = Pattern.compile("Job (.+) completed with result: (\\w+)");
  private static final Pattern ERROR = Pattern.compile(
      "(Registration was not found|runner registration has been deleted|Failed to create a session"
          + "|Runner version .* is deprecated|An error occurred: .*)");

  private DiagScanner() {}

  /** Scans every {@code Runner_*.log} under {@code <home>/_diag}, oldest first. */
  public static DiagReport scan(Path runnerHome) {
    return scan(runnerHome, Set.of());
  }

  /** The names of the {@code Runner_*.log} files there now (an earlier runner's, when reused). */
  public static Set<String> logNames(Path runnerHome) {
    Path diag = runnerHome.resolve("_diag");
    if (!Files.isDirectory(diag)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(diag)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Runner_"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  /**
   * Scans the {@code Runner_*.log} files except {@code earlier}: a reused instance's runners all
   * write to the same {@code _diag}, and only the current runner's lines say how its job went.
   */
  public static DiagReport scan(Path runnerHome, Set<String> earlier) {
    Path diag = runnerHome.resolve("_diag");
    boolean listening = false;
    Optional<String> job = Optional.empty();
    Optional<String> result = Optional.empty();
    Optional<String> error = Optional.empty();
    if (!Files.isDirectory(diag)) {
      return new DiagReport(false, job, result, error);
    }
    List<Path> logs;
    try (Stream<Path> files = Files.list(diag)) {
      logs = files.filter(p -> p.getFileName().toString().startsWith("Runner_"))
          .filter(p -> !earlier.contains(p.getFileName().toString())).sorted().toList();
    } catch (IOException e) {
      return new DiagReport(false, job, result, Optional.of("cannot read " + diag));
    }
    for (Path log : logs) {
      List<String> lines;
      try {
        lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        continue;
      }
      for (String line : lines) {
        if (line.contains("Listening for Jobs")) {
          listening = true;
        }
        Matcher m = RUNNING.matcher(line);
        if (m.find()) {
          job = Optional.of(m.group(1).trim());
        }
        m = COMPLETED.matcher(line);
        if (m.find()) {
          job = Optional.of(m.group(1).trim());
          result = Optional.of(m.group(2));
        }
        m = ERROR.matcher(line);
        if (m.find()) {
          error = Optional.of(m.group(1));
        }
      }
    }
    return new DiagReport(listening, job, result, error);
  }
}
