package dev.hangar.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Minimal blocking HTTP/1.1 calls on the JDK's {@link HttpURLConnection}. The agent makes a few
 * small calls a minute; this client starts faster and keeps less memory than {@code
 * java.net.http.HttpClient} (no selector thread, TLS set up only for https URLs).
 */
public final class Http {
  private static final int MAX_BODY = 1 << 20;

  private Http() {}

  /** A response: status, body text (also for 4xx/5xx) and the headers the callers look at. */
  public record Response(int status, String body, Map<String, String> headers) {
    public Response(int status, String body) {
      this(status, body, Map.of());
    }

    /** A header by its lower-case name. */
    public java.util.Optional<String> header(String lowerCaseName) {
      return java.util.Optional.ofNullable(headers.get(lowerCaseName));
    }
  }

  /** The call did not finish within the timeout. */
  public static final class TimeoutException extends IOException {
    public TimeoutException(String message) {
      super(message);
    }
  }

  public static Response send(URI uri, String method, Map<String, String> headers, String body, Duration timeout,
      boolean direct) throws IOException {
    HttpURLConnection c = (HttpURLConnection) (direct ? uri.toURL().openConnection(Proxy.NO_PROXY)
        : uri.toURL().openConnection());
    try {
      c.setConnectTimeout((int) timeout.toMillis());
      c.setReadTimeout((int) timeout.toMillis());
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestMethod(method);
      headers.forEach(c::setRequestProperty);
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String text = "";
      if (in != null) {
        try (in) {
          text = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
      }
      String retryAfter = c.getHeaderField("Retry-After");
      return new Response(status, text, retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter));
    } catch (SocketTimeoutException e) {
      c.disconnect();
      throw new TimeoutException("no answer within " + timeout.toMillis() + " ms");
    }
  }
}
