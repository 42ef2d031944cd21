package dev.hangar.agent.imds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * IMDSv2 client: a session token from {@code PUT /latest/api/token} (TTL header), refreshed a
 * margin before its TTL runs out and re-acquired once when IMDS answers 401. It never sends a
 * request without a token (no IMDSv1 fallback).
 */
public final class ImdsClient {
  static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
  static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

  private final URI base;
  private final Duration timeout;
  private final Duration ttl;
  private final Duration refreshMargin;
  private final LongSupplier nanoClock;
  private final HttpClient http;
  private String token;
  private long tokenRefreshAtNanos;
  private int tokensAcquired;

  public ImdsClient(URI base, Duration timeout, Duration ttl, Duration refreshMargin, LongSupplier nanoClock) {
    this.base = base;
    this.timeout = timeout;
    this.ttl = ttl;
    this.refreshMargin = refreshMargin;
    this.nanoClock = nanoClock;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .proxy(HttpClient.Builder.NO_PROXY)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Reads a metadata path such as {@code /latest/meta-data/instance-id}; empty when IMDS answers
   * 404 (how it says "no spot notice", for instance).
   */
  public synchronized Optional<String> get(String path) throws ImdsUnavailableException, InterruptedException {
    String current = token();
    HttpResponse<String> response = send(path, current);
    if (response.statusCode() == 401) {
      // Token expired early or IMDS restarted: get a fresh one, try once more.
      token = null;
      response = send(path, token());
    }
    int status = response.statusCode();
    if (status == 200) {
      return Optional.of(response.body());
    }
    if (status == 404) {
      return Optional.empty();
    }
    throw new ImdsUnavailableException("IMDS " + base + path + " answered HTTP " + status);
  }

  /** How many tokens this client has fetched so far (for tests and diagnostics). */
  public synchronized int tokensAcquired() {
    return tokensAcquired;
  }

  private HttpResponse<String> send(String path, String tok) throws ImdsUnavailableException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header(TOKEN_HEADER, tok)
        .GET()
        .build();
    return exchange(request, path);
  }

  private String token() throws ImdsUnavailableException, InterruptedException {
    long now = nanoClock.getAsLong();
    if (token != null && now - tokenRefreshAtNanos < 0) {
      return token;
    }
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/latest/api/token"))
        .timeout(timeout)
        .header(TTL_HEADER, Long.toString(ttl.toSeconds()))
        .PUT(HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<String> response = exchange(request, "/latest/api/token");
    if (response.statusCode() != 200 || response.body().isBlank()) {
      token = null;
      throw new ImdsUnavailableException(
          "IMDSv2 token request to " + base + " answered HTTP " + response.statusCode()
              + " (IMDSv1 is not used)");
    }
    token = response.body().trim();
    tokensAcquired++;
    tokenRefreshAtNanos = now + ttl.minus(refreshMargin).toNanos();
    return token;
  }

  private HttpResponse<String> exchange(HttpRequest request, String path)
      throws ImdsUnavailableException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new ImdsUnavailableException("IMDS " + base + path + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new ImdsUnavailableException("IMDS " + base + path + " unreachable: " + e.getClass().getSimpleName());
    }
  }
}
