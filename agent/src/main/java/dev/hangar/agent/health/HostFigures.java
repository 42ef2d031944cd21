package dev.hangar.agent.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Disk, memory and load of this host, read from the filesystem and /proc (cheap, no processes). */
public record HostFigures(long diskFreeBytes, long memAvailableBytes, double load1) {

  /** Reads the figures; a value that cannot be read is -1. */
  public static HostFigures read(Path disk) {
    long diskFree;
    try {
      diskFree = Files.getFileStore(disk).getUsableSpace();
    } catch (IOException e) {
      diskFree = -1;
    }
    return new HostFigures(diskFree, memAvailable(), readLoad1());
  }

  private static long memAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux or /proc hidden: report unknown.
    }
    return -1;
  }

  private static double readLoad1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return -1;
    }
  }
}
