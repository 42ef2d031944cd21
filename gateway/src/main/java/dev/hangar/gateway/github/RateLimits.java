package dev.hangar.gateway.github;

import dev.hangar.gateway.observability.GitHubMetrics;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What GitHub last said about each rate-limit bucket ({@code x-ratelimit-remaining},
 * {@code -reset}, {@code -resource}), published as {@code hangar.github.ratelimit.remaining}.
 * Installation-token and app-JWT requests count against different buckets, so the bucket key
 * carries the credential kind.
 */
final class RateLimits {
  private record Bucket(AtomicLong remaining, AtomicLong resetEpochSecond) {}

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final GitHubMetrics metrics;

  RateLimits(GitHubMetrics metrics) {
    this.metrics = metrics;
  }

  /** Records the headers of a response; returns the bucket key they describe, or null. */
  String record(GitHubRequest.Auth auth, MultiMap headers) {
    String remaining = headers.get("x-ratelimit-remaining");
    String reset = headers.get("x-ratelimit-reset");
    if (remaining == null) {
      return null;
    }
    String resource = headers.get("x-ratelimit-resource");
    String key = key(auth, resource == null ? "core" : resource);
    Bucket b = bucket(key);
    try {
      b.remaining.set(Long.parseLong(remaining.trim()));
      if (reset != null) {
        b.resetEpochSecond.set(Long.parseLong(reset.trim()));
      }
    } catch (NumberFormatException ignored) {
      // A malformed header tells us nothing; keep what we knew.
    }
    return key;
  }

  /** When the bucket becomes usable again, or null when it has requests left. */
  Instant blockedUntil(String key, Instant now) {
    Bucket b = buckets.get(key);
    if (b == null || b.remaining.get() > 0) {
      return null;
    }
    Instant reset = Instant.ofEpochSecond(b.resetEpochSecond.get());
    return reset.isAfter(now) ? reset : null;
  }

  /** Remaining requests in the bucket as last reported, or -1 when unknown. */
  long remaining(String key) {
    Bucket b = buckets.get(key);
    return b == null ? -1 : b.remaining.get();
  }

  static String key(GitHubRequest.Auth auth, String resource) {
    return auth == GitHubRequest.Auth.APP ? "app-" + resource : resource;
  }

  private Bucket bucket(String key) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          Bucket b = new Bucket(new AtomicLong(-1), new AtomicLong(0));
          metrics.rateLimitBucket(k, b.remaining::get);
          return b;
        });
  }
}
