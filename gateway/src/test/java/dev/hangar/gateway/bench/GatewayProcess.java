package dev.hangar.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link BenchGateway} child process on this process's classpath, optionally pinned with
 * {@code taskset}, talked to over its standard input and output.
 */
final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final OutputStream in;
  private final int port;

  private GatewayProcess(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = process.getOutputStream();
    String line;
    int p = -1;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("port ")) {
        p = Integer.parseInt(line.substring(5).trim());
        break;
      }
    }
    if (p < 0) {
      process.destroyForcibly();
      throw new IOException("the benchmark gateway exited before listening");
    }
    this.port = p;
  }

  /**
   * @param cpus CPU list for {@code taskset -c}, or empty to leave the process unpinned
   * @param args arguments of {@link BenchGateway}
   */
  static GatewayProcess start(String cpus, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (!cpus.isEmpty()) {
      cmd.addAll(List.of("taskset", "-c", cpus));
    }
    cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), BenchGateway.class.getName()));
    cmd.addAll(args);
    return new GatewayProcess(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** AWS SDK calls the gateway made so far, by operation. */
  Map<String, Long> calls() throws IOException {
    in.write("calls\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    Map<String, Long> calls = new TreeMap<>();
    String line = out.readLine();
    if (line != null && line.startsWith("calls")) {
      for (String kv : line.substring(5).trim().split(",")) {
        if (kv.contains("=")) {
          calls.put(kv.substring(0, kv.indexOf('=')), Long.parseLong(kv.substring(kv.indexOf('=') + 1)));
        }
      }
    }
    return calls;
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
