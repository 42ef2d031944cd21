package dev.hangar.gateway.config;

/**
 * The HTTP server.
 *
 * @param host interface to bind (default {@code 0.0.0.0})
 * @param port port to listen on (default 8080; 0 picks a free port)
 * @param bodyLimitBytes largest accepted request body (default 1 MiB); larger ones get 413
 * @param shutdownGraceSeconds how long in-flight requests may finish after SIGTERM (default 10)
 * @param idleTimeoutSeconds a connection without any traffic this long is closed (default 30)
 * @param requestTimeoutSeconds a request's headers and body must arrive within this long
 *     (default 10); slow clients are closed, late bodies get 408
 */
public record ServerConfig(
    String host,
    Integer port,
    Long bodyLimitBytes,
    Integer shutdownGraceSeconds,
    Integer idleTimeoutSeconds,
    Integer requestTimeoutSeconds) {
  /** GitHub caps webhook payloads at 25 MB; nothing larger can be a real delivery. */
  static final long MAX_BODY_LIMIT = 25L * 1024 * 1024;
  /** An hour: longer only keeps dead connections' memory. */
  static final int MAX_IDLE_TIMEOUT = 3600;
  /** GitHub gives up on a delivery after 10 s; minutes are already generous for any client. */
  static final int MAX_REQUEST_TIMEOUT = 300;

  public ServerConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? 8080 : port;
    bodyLimitBytes = bodyLimitBytes == null ? 1024L * 1024 : bodyLimitBytes;
    shutdownGraceSeconds = shutdownGraceSeconds == null ? 10 : shutdownGraceSeconds;
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 30 : idleTimeoutSeconds;
    requestTimeoutSeconds = requestTimeoutSeconds == null ? 10 : requestTimeoutSeconds;
  }

  /** All defaults. */
  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null, null, null);
  }
}
