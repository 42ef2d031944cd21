package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.observability.GitHubMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends GitHub REST calls politely: waits while a rate-limit bucket is empty, honours
 * {@code retry-after} and secondary limits (403/429), retries 5xx and network errors with
 * exponential backoff and jitter (bounded), refreshes the installation token once on a 401,
 * and records {@code hangar.github.requests{endpoint,status}} and a CLIENT span per call.
 */
final class GitHubHttp {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubHttp.class);
  static final String API_VERSION = "2022-11-28";
  static final String MEDIA_TYPE = "application/vnd.github+json";
  private static final Duration SECONDARY_LIMIT_WAIT = Duration.ofSeconds(60);

  private final WebClient client;
  private final GitHubConfig settings;
  private final Clock clock;
  private final Delays delays;
  private final GitHubMetrics metrics;
  private final Backoff backoff;
  private final RateLimits rateLimits;
  private final Tracer tracer;
  private final Map<String, String> bucketOfEndpoint = new ConcurrentHashMap<>();
  private Credentials credentials;

  GitHubHttp(
      WebClient client,
      GitHubConfig settings,
      Clock clock,
      Delays delays,
      GitHubMetrics metrics,
      Backoff backoff,
      Tracer tracer) {
    this.tracer = tracer;
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.delays = delays;
    this.metrics = metrics;
    this.backoff = backoff;
    this.rateLimits = new RateLimits(metrics);
  }

  void credentials(Credentials c) {
    this.credentials = c;
  }

  RateLimits rateLimits() {
    return rateLimits;
  }

  /** Sends the request; fails only when retries or the rate-limit patience are exhausted. */
  Future<GitHubResponse> send(GitHubRequest r) {
    return attempt(r, 0, false);
  }

  private Future<GitHubResponse> attempt(GitHubRequest r, int retry, boolean refreshed) {
    String bucket =
        bucketOfEndpoint.getOrDefault(r.endpoint(), RateLimits.key(r.auth(), "core"));
    Instant now = clock.instant();
    Instant blocked = rateLimits.blockedUntil(bucket, now);
    if (blocked != null) {
      Duration wait = Duration.between(now, blocked).plusSeconds(1);
      if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
        return Future.failedFuture(new GitHubRateLimitException(r.endpoint(), 0, blocked));
      }
      LOG.warn("GitHub rate limit {} exhausted, waiting {} before {}", bucket, wait, r.endpoint());
      return delays.sleep(wait).compose(v -> sendOnce(r, retry, refreshed));
    }
    return sendOnce(r, retry, refreshed);
  }

  private Future<GitHubResponse> sendOnce(GitHubRequest r, int retry, boolean refreshed) {
    return credentials
        .bearer(r.auth())
        .compose(
            bearer -> {
              long start = System.nanoTime();
              Span span =
                  tracer
                      .spanBuilder("GitHub " + r.endpoint())
                      .setSpanKind(SpanKind.CLIENT)
                      .setParent(Context.current())
                      .setAttribute("http.request.method", r.method().name())
                      .setAttribute("hangar.github.endpoint", r.endpoint())
                      .setAttribute("hangar.github.retry", retry)
                      .startSpan();
              return exchange(r, bearer)
                  .transform(
                      ar -> {
                        long nanos = System.nanoTime() - start;
                        if (ar.failed()) {
                          record(r.endpoint(), "error", nanos);
                          span.setStatus(StatusCode.ERROR, "network error");
                          span.end();
                          return onNetworkError(r, retry, refreshed, ar.cause());
                        }
                        HttpResponse<Buffer> resp = ar.result();
                        record(r.endpoint(), String.valueOf(resp.statusCode()), nanos);
                        span.setAttribute("http.response.status_code", resp.statusCode());
                        if (resp.statusCode() >= 500) {
                          span.setStatus(StatusCode.ERROR);
                        }
                        span.end();
                        String bucket = rateLimits.record(r.auth(), resp.headers());
                        if (bucket != null) {
                          bucketOfEndpoint.put(r.endpoint(), bucket);
                        }
                        return onResponse(r, retry, refreshed, bearer, resp);
                      });
            });
  }

  private Future<HttpResponse<Buffer>> exchange(GitHubRequest r, String bearer) {
    HttpRequest<Buffer> req =
        client
            .requestAbs(r.method(), r.url())
            .timeout(settings.requestTimeout().toMillis())
            .putHeader("Accept", MEDIA_TYPE)
            .putHeader("X-GitHub-Api-Version", API_VERSION)
            .putHeader("User-Agent", "hangar-gateway")
            .putHeader("Authorization", "Bearer " + bearer);
    if (r.ifNoneMatch() != null) {
      req.putHeader("If-None-Match", r.ifNoneMatch());
    }
    return r.body() != null ? req.sendJsonObject(r.body()) : req.send();
  }

  private Future<GitHubResponse> onResponse(
      GitHubRequest r, int retry, boolean refreshed, String bearer, HttpResponse<Buffer> resp) {
    int status = resp.statusCode();
    GitHubResponse answer = new GitHubResponse(status, resp.headers(), resp.body());
    if (status == 401 && r.auth() == GitHubRequest.Auth.INSTALLATION && !refreshed) {
      LOG.warn("GitHub refused the installation token on {}; refreshing it once", r.endpoint());
      credentials.invalidate(bearer);
      return attempt(r, retry, true);
    }
    if (isRateLimited(status, resp.headers(), answer)) {
      return onRateLimited(r, retry, refreshed, status, resp.headers());
    }
    if (status >= 500) {
      if (retry >= settings.maxRetries()) {
        return Future.failedFuture(new GitHubApiException(r.endpoint(), status, answer.message()));
      }
      Duration wait = atLeastRetryAfter(backoff.delay(retry), resp.headers());
      LOG.warn("GitHub {} answered {}, retry {} in {}", r.endpoint(), status, retry + 1, wait);
      return delays.sleep(wait).compose(v -> attempt(r, retry + 1, refreshed));
    }
    return Future.succeededFuture(answer);
  }

  private Future<GitHubResponse> onNetworkError(
      GitHubRequest r, int retry, boolean refreshed, Throwable cause) {
    if (retry >= settings.maxRetries()) {
      return Future.failedFuture(
          new GitHubApiException(r.endpoint(), 0, "network error: " + cause.getMessage()));
    }
    Duration wait = backoff.delay(retry);
    LOG.warn("GitHub {} failed ({}), retry {} in {}", r.endpoint(), cause.getMessage(), retry + 1, wait);
    return delays.sleep(wait).compose(v -> attempt(r, retry + 1, refreshed));
  }

  private Future<GitHubResponse> onRateLimited(
      GitHubRequest r, int retry, boolean refreshed, int status, MultiMap headers) {
    Instant now = clock.instant();
    Instant until = retryAt(headers, now, retry);
    Duration wait = Duration.between(now, until);
    if (retry >= settings.maxRetries() || wait.compareTo(settings.maxRateLimitWait()) > 0) {
      return Future.failedFuture(new GitHubRateLimitException(r.endpoint(), status, until));
    }
    LOG.warn("GitHub rate limit on {} ({}), waiting {}", r.endpoint(), status, wait);
    return delays.sleep(wait).compose(v -> attempt(r, retry + 1, refreshed));
  }

  /** retry-after wins; then the primary limit's reset; else GitHub's advice for secondary limits. */
  private Instant retryAt(MultiMap headers, Instant now, int retry) {
    Long retryAfter = retryAfterSeconds(headers);
    if (retryAfter != null) {
      return now.plusSeconds(Math.max(1, retryAfter));
    }
    if ("0".equals(trim(headers.get("x-ratelimit-remaining")))) {
      String reset = headers.get("x-ratelimit-reset");
      if (reset != null) {
        try {
          Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim())).plusSeconds(1);
          return at.isAfter(now) ? at : now.plusSeconds(1);
        } catch (NumberFormatException ignored) {
          // fall through to the secondary-limit wait
        }
      }
    }
    return now.plus(SECONDARY_LIMIT_WAIT.multipliedBy(1L << Math.min(retry, 4)));
  }

  /** A 5xx may carry {@code retry-after}: wait at least that long (within the patience). */
  private Duration atLeastRetryAfter(Duration backoffDelay, MultiMap headers) {
    Long retryAfter = retryAfterSeconds(headers);
    if (retryAfter == null) {
      return backoffDelay;
    }
    Duration asked = Duration.ofSeconds(Math.max(0, retryAfter));
    if (asked.compareTo(settings.maxRateLimitWait()) > 0) {
      asked = settings.maxRateLimitWait();
    }
    return asked.compareTo(backoffDelay) > 0 ? asked : backoffDelay;
  }

  /** {@code retry-after} in seconds; null when absent or an HTTP-date (GitHub sends seconds). */
  private static Long retryAfterSeconds(MultiMap headers) {
    String retryAfter = headers.get("retry-after");
    if (retryAfter == null) {
      return null;
    }
    try {
      return Long.parseLong(retryAfter.trim());
    } catch (NumberFormatException notSeconds) {
      return null;
    }
  }

  private static boolean isRateLimited(int status, MultiMap headers, GitHubResponse answer) {
    if (status == 429) {
      return true;
    }
    if (status != 403) {
      return false;
    }
    if (headers.get("retry-after") != null || "0".equals(trim(headers.get("x-ratelimit-remaining")))) {
      return true;
    }
    String message = answer.message();
    return message != null && message.toLowerCase(Locale.ROOT).contains("rate limit");
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private void record(String endpoint, String status, long nanos) {
    metrics.request(endpoint, status, Duration.ofNanos(nanos));
  }
}
