package dev.hangar.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.local.sim.SimConfig;
import dev.hangar.local.sim.SimResult;
import dev.hangar.local.sim.TraceGenerator;
import dev.hangar.local.sim.TraceIo;
import dev.hangar.local.sim.TraceJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code demo [--config FILE] [--trace FILE] [--duration MINUTES] [--speed X] [--port N]
 * [--jobs-per-day N] [--out DIR] [--quiet] [--verbose]}: runs the local demo (see {@link Demo}); without a
 * trace it generates a working day and replays {@code --duration} minutes from 09:00.
 */
public final class DemoCommand {
  /** Where {@code make demo} finds the pools, relative to the repository root. */
  static final Path DEFAULT_CONFIG = Path.of("examples/config/simulate.yaml");

  private DemoCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Demo.Options options = options(args);
      SimResult r = new Demo(options, out).run();
      return r.neverRun() == 0 ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      err.println("demo: " + (root.getMessage() == null ? root.toString() : root.getMessage()));
      return 1;
    }
  }

  static Demo.Options options(String[] args) throws Exception {
    String config = null;
    String trace = null;
    long duration = 60;
    double speed = 30;
    int port = 8080;
    int perDay = 3000;
    Path out = null;
    boolean quiet = false;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quiet")) {
        quiet = true;
        continue;
      }
      if (a.equals("--verbose")) {
        verbose = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--config" -> config = v;
        case "--trace" -> trace = v;
        case "--duration" -> duration = positive(a, Long.parseLong(v));
        case "--speed" -> speed = positive(a, (long) Double.parseDouble(v));
        case "--port" -> port = Integer.parseInt(v);
        case "--jobs-per-day" -> perDay = (int) positive(a, Integer.parseInt(v));
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option: " + a);
      }
    }
    Path configFile = config != null ? Path.of(config) : (Files.exists(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null);
    List<Pool> pools;
    JsonNode poolsYaml;
    if (configFile == null) {
      throw new IllegalArgumentException(
          "no --config given and " + DEFAULT_CONFIG + " not found (run from the repository root)");
    }
    poolsYaml = SimConfig.poolsSection(configFile);
    pools = SimConfig.pools(configFile, poolsYaml);
    List<TraceJob> jobs;
    if (trace != null) {
      List<TraceJob> all = TraceIo.read(Path.of(trace));
      if (all.isEmpty()) {
        throw new IllegalArgumentException(trace + ": no jobs");
      }
      jobs = window(all, all.get(0).queuedAt(), duration);
    } else {
      LocalDate day = LocalDate.parse("2026-01-05");
      List<TraceJob> all = new TraceGenerator(7, ZoneId.of("UTC"), day).generate("diurnal", 1, perDay);
      jobs = window(all, day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC), duration);
    }
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("no jobs in the first " + duration + " minutes");
    }
    return new Demo.Options(pools, poolsYaml, jobs, duration, speed, port, out, quiet, verbose);
  }

  private static List<TraceJob> window(List<TraceJob> all, Instant from, long minutes) {
    Instant to = from.plusSeconds(minutes * 60);
    List<TraceJob> out = new ArrayList<>();
    for (TraceJob j : all) {
      if (!j.queuedAt().isBefore(from) && j.queuedAt().isBefore(to)) {
        out.add(j);
      }
    }
    return out;
  }

  private static long positive(String option, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(option + " must be > 0");
    }
    return v;
  }
}
