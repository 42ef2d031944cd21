package dev.hangar.agent.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loopback endpoint the runner's job hooks call ({@code ACTIONS_RUNNER_HOOK_JOB_STARTED} /
 * {@code …_COMPLETED} point at the scripts written here). Requests must carry the per-boot
 * secret, kept in a header file only the runner user can read (tmpfs: gone at reboot).
 */
public final class HookServer implements AutoCloseable {
  /** Starts the endpoint with a listener for the hooks it receives (the agent's way to make one). */
  @FunctionalInterface
  public interface Starter {
    HookServer start(Consumer<HookEvent> listener) throws IOException;
  }

  static final String SECRET_HEADER = "X-Hangar-Hook-Secret";
  private final HttpServer server;
  private final byte[] secret;
  private final Path startedScript;
  private final Path completedScript;

  private HookServer(HttpServer server, byte[] secret, Path started, Path completed) {
    this.server = server;
    this.secret = secret;
    this.startedScript = started;
    this.completedScript = completed;
  }

  /** Binds 127.0.0.1 on a free port, writes the secret and the two hook scripts into {@code dir}. */
  public static HookServer start(Path dir, UserSwitch user, Consumer<HookEvent> listener) throws IOException {
    Files.createDirectories(dir);
    Path secretFile = dir.resolve("hook-secret.header");
    byte[] secret = readOrCreateSecret(secretFile, user);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    Path started = dir.resolve("job-started.sh");
    Path completed = dir.resolve("job-completed.sh");
    HookServer hooks = new HookServer(server, secret, started, completed);
    server.createContext("/hooks/", exchange -> hooks.handle(exchange, listener));
    server.start();
    int port = server.getAddress().getPort();
    writeScript(started, "job-started", port, secretFile);
    writeScript(completed, "job-completed", port, secretFile);
    return hooks;
  }

  public Path startedScript() {
    return startedScript;
  }

  public Path completedScript() {
    return completedScript;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange, Consumer<HookEvent> listener) throws IOException {
    try (exchange) {
      String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
      if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), secret)) {
        reply(exchange, 403, "{\"error\":\"bad hook secret\"}");
        return;
      }
      String hook = exchange.getRequestURI().getPath().substring("/hooks/".length());
      if (!"POST".equals(exchange.getRequestMethod())
          || !(hook.equals("job-started") || hook.equals("job-completed"))) {
        reply(exchange, 404, "{\"error\":\"unknown hook\"}");
        return;
      }
      Map<String, String> form = parseForm(new String(exchange.getRequestBody().readNBytes(16_384),
          StandardCharsets.UTF_8));
      listener.accept(new HookEvent(hook, form.getOrDefault("repository", ""),
          form.getOrDefault("workflow", ""), form.getOrDefault("job", ""), form.getOrDefault("runId", "")));
      reply(exchange, 200, "{}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static byte[] readOrCreateSecret(Path file, UserSwitch user) throws IOException {
    String prefix = SECRET_HEADER + ": ";
    if (Files.isRegularFile(file)) {
      String line = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (line.startsWith(prefix) && line.length() > prefix.length() + 32) {
        return line.substring(prefix.length()).getBytes(StandardCharsets.US_ASCII);
      }
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String secret = HexFormat.of().formatHex(raw);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, prefix + secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    if (user.switching()) {
      UserPrincipal owner = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user.user());
      Files.setOwner(tmp, owner);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return secret.getBytes(StandardCharsets.US_ASCII);
  }

  private static void writeScript(Path script, String hook, int port, Path secretFile) throws IOException {
    String text = """
        #!/bin/sh
        # Hangar runner job hook (%1$s): tells the local hangar-agent. Never fails the job.
        curl -fsS --max-time 10 --retry 3 --retry-all-errors --noproxy '*' \\
          -H @%2$s \\
          --data-urlencode "repository=${GITHUB_REPOSITORY:-}" \\
          --data-urlencode "workflow=${GITHUB_WORKFLOW:-}" \\
          --data-urlencode "job=${GITHUB_JOB:-}" \\
          --data-urlencode "runId=${GITHUB_RUN_ID:-}" \\
          http://127.0.0.1:%3$d/hooks/%1$s >/dev/null \\
          || echo "hangar: could not tell the agent about %1$s" >&2
        exit 0
        """.formatted(hook, secretFile, port);
    Path tmp = script.resolveSibling(script.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(tmp, script, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
