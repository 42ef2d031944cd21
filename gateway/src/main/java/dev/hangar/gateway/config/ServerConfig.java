package dev.hangar.gateway.config;

/**
 * The HTTP server.
 *
 * @param host interface to bind (default {@code 0.0.0.0})
 * @param port port to listen on (default 8080; 0 picks a free port)
 * @param bodyLimitBytes largest accepted request body (default 1 MiB); larger ones get 413
 * @param shutdownGraceSeconds how long in-flight requests may finish after SIGTERM (default 10)
 */
public record ServerConfig(String host, Integer port, Long bodyLimitBytes, Integer shutdownGraceSeconds) {
  /** GitHub caps webhook payloads at 25 MB; nothing larger can be a real delivery. */
  static final long MAX_BODY_LIMIT = 25L * 1024 * 1024;

  public ServerConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? 8080 : port;
    bodyLimitBytes = bodyLimitBytes == null ? 1024L * 1024 : bodyLimitBytes;
    shutdownGraceSeconds = shutdownGraceSeconds == null ? 10 : shutdownGraceSeconds;
  }

  /** All defaults. */
  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null);
  }
}
