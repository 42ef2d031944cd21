package dev.hangar.agent.testing;

import dev.hangar.agent.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Amazon's EC2 metadata mock ({@code ec2-metadata-mock} v1.13.0, installed by
 * test-peers/install.sh) in IMDSv2-only mode on a loopback port. Its config file serves the test
 * CA's identity document at {@code /latest/dynamic/instance-identity/rsa2048} (the mock has no
 * such path by default) so the whole agent can run against it. It can be restarted on the same
 * port with other spot settings, as when a notice appears while the agent is running.
 */
public final class MetadataMock implements AutoCloseable {
  /** The instance id the mock serves by default. */
  public static final String INSTANCE_ID = "i-1234567890abcdef0";
  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  private MetadataMock(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** The installed binary: {@code HANGAR_EC2_METADATA_MOCK}, else {@code $(go env GOPATH)/bin}. */
  public static Optional<Path> binary() {
    String env = System.getenv("HANGAR_EC2_METADATA_MOCK");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isExecutable);
    }
    List<Path> candidates = new ArrayList<>();
    goPath().ifPresent(g -> candidates.add(Path.of(g, "bin", "ec2-metadata-mock")));
    candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "ec2-metadata-mock"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static Optional<String> goPath() {
    try {
      Process p = new ProcessBuilder("go", "env", "GOPATH").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()
          ? Optional.of(out.split(":")[0]) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public static MetadataMock create(Path binary, Path dir) throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return new MetadataMock(binary, dir, s.getLocalPort());
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * (Re)starts the mock: spot interruption and rebalance recommendation appear {@code
   * spotDelaySec} after start (a large value: none during the test), with {@code spotTime} as the
   * notice's deadline when given.
   */
  public void start(long spotDelaySec, String spotTime) throws Exception {
    stop();
    Map<String, Object> dynamic = new LinkedHashMap<>();
    dynamic.put("paths", Map.of("instance-identity-pkcs", "/latest/dynamic/instance-identity/rsa2048"));
    dynamic.put("values", Map.of("instance-identity-pkcs", AgentHarness.identity().rsa2048(INSTANCE_ID)));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("imdsv2", true);
    config.put("dynamic", dynamic);
    if (spotTime != null) {
      config.put("spot", Map.of("action", "terminate", "time", spotTime));
    }
    Path file = dir.resolve("aemm-config.json");
    Files.writeString(file, Json.write(config));
    process = new ProcessBuilder(binary.toString(), "-c", file.toString(), "-n", "127.0.0.1", "-p",
        Integer.toString(port), "-d", Long.toString(spotDelaySec), "--rebalance-delay-sec", Long.toString(spotDelaySec),
        "--asg-termination-delay-sec", "86400")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("aemm.log").toFile())
        .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() - until < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ec2-metadata-mock exited: " + Files.readString(dir.resolve("aemm.log")));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/latest/api/token"))
            .header("X-aws-ec2-metadata-token-ttl-seconds", "5").PUT(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting: the loop waits on the process, bounded by the deadline.
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("ec2-metadata-mock did not start within 20 s");
  }

  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
