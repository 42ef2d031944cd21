package dev.hangar.agent.imds;

import dev.hangar.agent.http.Http;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
  private String token;
  private long tokenRefreshAtNanos;
  private int tokensAcquired;

  public ImdsClient(URI base, Duration timeout, Duration ttl, Duration refreshMargin, LongSupplier nanoClock) {
    this.base = base;
    this.timeout = timeout;
    this.ttl = ttl;
    this.refreshMargin = refreshMargin;
    this.nanoClock = nanoClock;
  }

  /**
   * Reads a metadata path such as {@code /latest/meta-data/instance-id}; empty when IMDS answers
   * 404 (how it says "no spot notice", for instance).
   */
  public synchronized Optional<String> get(String path) throws ImdsUnavailableException, InterruptedException {
    String current = token();
    Http.Response response = send(path, current);
    if (response.status() == 401) {
      // Token expired early or IMDS restarted: get a fresh one, try once more.
      token = null;
      response = send(path, token());
    }
    int status = response.status();
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

  private Http.Response send(String path, String tok) throws ImdsUnavailableException {
    return exchange("GET", path, Map.of(TOKEN_HEADER, tok), null);
  }

  private String token() throws ImdsUnavailableException, InterruptedException {
    long now = nanoClock.getAsLong();
    if (token != null && now - tokenRefreshAtNanos < 0) {
      return token;
    }
    Http.Response response = exchange("PUT", "/latest/api/token", Map.of(TTL_HEADER, Long.toString(ttl.toSeconds())),
        "");
    if (response.status() != 200 || response.body().isBlank()) {
      token = null;
      throw new ImdsUnavailableException(
          "IMDSv2 token request to " + base + " answered HTTP " + response.status()
              + " (IMDSv1 is not used)");
    }
    token = response.body().trim();
    tokensAcquired++;
    tokenRefreshAtNanos = now + ttl.minus(refreshMargin).toNanos();
    return token;
  }

  private Http.Response exchange(String method, String path, Map<String, String> headers, String body)
      throws ImdsUnavailableException {
    try {
      return Http.send(base.resolve(path), method, headers, body, timeout, true);
    } catch (Http.TimeoutException e) {
      throw new ImdsUnavailableException("IMDS " + base + path + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new ImdsUnavailableException("IMDS " + base + path + " unreachable: " + e.getClass().getSimpleName());
    }
  }
}
