package dev.hangar.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of another process from {@code /proc/<pid>/stat}: the gateway and
 * the queue run in processes of their own, so each is charged only for its own work, its JIT
 * and garbage collection included.
 */
final class ProcCpu {
  // USER_HZ: 100 on every Linux the benchmark runs on; /proc reports clock ticks in it.
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcCpu() {}

  /** True where /proc can be read (Linux); elsewhere CPU figures are left out. */
  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/stat"));
  }

  /** CPU nanoseconds used so far by process {@code pid}, or -1 when it cannot be read. */
  static long nanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name (field 2) may hold spaces: count fields from its closing parenthesis.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
