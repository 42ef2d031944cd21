package dev.hangar.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as systemd runs it: a separate JVM that answers webhooks and, on SIGTERM, stops
 * accepting, lets the shutdown hook drain and close (the AWS CRT client must not tear itself
 * down first), and exits.
 */
class ServeCommandTest {
  private static final Pattern LISTENING = Pattern.compile("gateway listening on 127\\.0\\.0\\.1:(\\d+)");

  @Test
  void servesThenStopsOnSigtermAfterDraining(@TempDir Path dir) throws Exception {
    EmbeddedSqs sqs = EmbeddedSqs.start("serve-command.fifo");
    Path config = dir.resolve("hangar.yaml");
    Path output = dir.resolve("gateway.out");
    Files.writeString(config, """
        server: {host: 127.0.0.1, port: 0, shutdownGraceSeconds: 5}
        github: {webhookSecrets: ["${TEST_SECRET}"]}
        aws: {region: us-east-1, endpoint: "http://127.0.0.1:9"}
        queue: {url: "%s", endpoint: "%s"}
        """.formatted(sqs.queueUrl(), sqs.endpoint()) + TestConfigs.POOLS + TestConfigs.WEBHOOK_ONLY);
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.hangar.gateway.Main", "serve", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    pb.environment().put("TEST_SECRET", Webhooks.SECRET);
    pb.environment().put("HANGAR_AWS_STATIC_CREDENTIALS", "true");
    Process p = pb.start();
    try {
      int port = await().atMost(Duration.ofSeconds(90)).until(() -> listeningPort(output), n -> n > 0);
      assertEquals(202, Webhooks.postSigned(port, Webhooks.payload(Webhooks.QUEUED)).statusCode());
      assertEquals(200, Webhooks.get(port, "/readyz").statusCode());

      // Process.destroy() would also close our end of the child's pipes; send the signal instead.
      assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");

      String out = Files.readString(output);
      assertTrue(out.contains("stopping: no new connections"), out);
      assertTrue(out.contains("stopped"), "the shutdown hook ran to its end: " + out);
      assertFalse(out.contains(Webhooks.SECRET), "secret in the output");
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    } finally {
      p.destroyForcibly();
      sqs.close();
    }
  }

  private static int listeningPort(Path output) {
    try {
      Matcher m = LISTENING.matcher(Files.exists(output) ? Files.readString(output) : "");
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
