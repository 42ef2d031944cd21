package dev.hangar.local.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * {@code gen-trace --kind diurnal|bursty|nightly --days N --jobs N [--seed N] [--zone ZONE]
 * [--start YYYY-MM-DD] --out FILE}: writes a synthetic job trace.
 */
public final class GenTraceCommand {
  private GenTraceCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      CliArgs a =
          new CliArgs(args, Set.of("kind", "days", "jobs", "seed", "zone", "start", "out"), Set.of());
      String kind = a.require("kind");
      int days = a.intValue("days", 7);
      int jobs = a.intValue("jobs", 2000);
      if (days < 1 || jobs < 1) {
        throw new IllegalArgumentException("--days and --jobs must be >= 1");
      }
      ZoneId zone = ZoneId.of(a.get("zone") == null ? "UTC" : a.get("zone"));
      LocalDate start = LocalDate.parse(a.get("start") == null ? "2026-01-05" : a.get("start"));
      List<TraceJob> trace =
          new TraceGenerator(a.intValue("seed", 1), zone, start).generate(kind, days, jobs);
      Path file = Path.of(a.require("out"));
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        TraceIo.write(trace, w);
      }
      out.println("wrote " + trace.size() + " jobs to " + file);
      return 0;
    } catch (IllegalArgumentException | IOException | java.time.DateTimeException e) {
      err.println("gen-trace: " + e.getMessage());
      return 2;
    }
  }
}
