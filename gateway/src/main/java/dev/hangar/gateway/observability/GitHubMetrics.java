package dev.hangar.gateway.observability;

import java.time.Duration;
import java.util.function.LongSupplier;

/** What the GitHub adapter records: {@code hangar.github.requests} and {@code hangar.github.ratelimit.remaining}. */
public interface GitHubMetrics {
  /** Records nothing. */
  GitHubMetrics NOOP = new GitHubMetrics() {
    @Override
    public void request(String endpoint, String status, Duration took) {}

    @Override
    public void rateLimitBucket(String resource, LongSupplier remaining) {}
  };

  /** One REST call (each retry counts); {@code status} is the HTTP status or {@code error}. */
  void request(String endpoint, String status, Duration took);

  /**
   * A new rate-limit bucket; {@code remaining} (requests left as GitHub last reported them, -1
   * while unknown) is read whenever the recorder reports, so it never lags the bucket.
   */
  void rateLimitBucket(String resource, LongSupplier remaining);
}
