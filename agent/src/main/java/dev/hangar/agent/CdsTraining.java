package dev.hangar.agent;

import com.sun.net.httpserver.HttpServer;
import dev.hangar.agent.config.AgentConfigLoader;
import dev.hangar.agent.config.ConfigException;
import dev.hangar.agent.gateway.GatewayClient;
import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.health.EmfWriter;
import dev.hangar.agent.health.HostFigures;
import dev.hangar.agent.imds.ImdsClient;
import dev.hangar.agent.imds.ImdsUnavailableException;
import dev.hangar.agent.json.Json;
import dev.hangar.agent.log.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Loads the classes the agent uses at start-up so that an AMI bake can record an AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}); talks only to a server it starts on loopback.
 */
final class CdsTraining {
  private CdsTraining() {}

  static int run() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
      server.createContext("/", exchange -> {
        byte[] body = ("PUT".equals(exchange.getRequestMethod()) ? "token"
            : "{\"sessionToken\":\"t\",\"instanceId\":\"i-0\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      ImdsClient imds = new ImdsClient(base, Duration.ofSeconds(2), Duration.ofHours(6), Duration.ofMinutes(5),
          System::nanoTime);
      imds.get("/latest/meta-data/instance-id");
      GatewayClient gateway = new GatewayClient(base, Duration.ofSeconds(2), () -> "doc");
      gateway.openSession();
      gateway.heartbeat(Map.of("state", "idle"));
      Log log = new Log(line -> { });
      log.info("training", "k", "v");
      Json.parseObject(Json.write(Map.of("a", 1)));
      EmfWriter.line(0, "p", "i", "idle", "1.0.0", HostFigures.read(Path.of("/")), false);
      try {
        AgentConfigLoader.load(Path.of("/nonexistent"), Map.of());
      } catch (ConfigException expected) {
        // Only the classes matter here.
      }
      new ProcessBuilder("true").start().waitFor();
      server.stop(0);
      System.out.println("hangar-agent: CDS training done");
      return 0;
    } catch (IOException | ImdsUnavailableException | GatewayException e) {
      System.err.println("hangar-agent: CDS training failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
