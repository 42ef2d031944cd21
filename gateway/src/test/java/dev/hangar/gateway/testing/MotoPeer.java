package dev.hangar.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The moto server (real AWS API emulator for EC2, Auto Scaling, DynamoDB, SSM, Secrets
 * Manager) used by integration tests. {@code make test} starts one and passes its URL in
 * {@code HANGAR_MOTO_URL}; when that is absent (a test run from an IDE) one {@code moto_server}
 * process is started for this JVM on a free port and stopped when the JVM exits.
 */
public final class MotoPeer {
  private static String url;

  private MotoPeer() {}

  /** The endpoint URL of the running moto server, starting one if needed. */
  public static synchronized String url() {
    if (url == null) {
      String fromEnv = System.getenv("HANGAR_MOTO_URL");
      url = fromEnv != null && !fromEnv.isBlank() ? fromEnv : startOwn();
    }
    return url;
  }

  /** Clears every resource moto holds, so each test starts from an empty account. */
  public static void reset() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url() + "/moto-api/reset"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered " + r.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String startOwn() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("moto", ".log");
      Process p =
          new ProcessBuilder(motoServer(), "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      String u = "http://127.0.0.1:" + port;
      waitUntilUp(u, p, log);
      return u;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start moto_server (pip install 'moto[server]')", e);
    }
  }

  /** The venv test-peers/install.sh creates when no moto_server was on PATH, else PATH's. */
  private static String motoServer() {
    String tools = System.getenv().getOrDefault("HANGAR_TOOLS_DIR", "/opt/hangar-tools");
    Path venv = Path.of(tools, "moto", "bin", "moto_server");
    return Files.isExecutable(venv) ? venv.toString() : "moto_server";
  }

  private static void waitUntilUp(String u, Process p, Path log) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("moto_server exited: " + Files.readString(log));
      }
      try {
        client.send(
            HttpRequest.newBuilder(URI.create(u + "/moto-api/")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        // Polling a process start-up: the port opens when moto is ready.
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("moto_server did not start within 30 s: " + Files.readString(log));
  }
}
