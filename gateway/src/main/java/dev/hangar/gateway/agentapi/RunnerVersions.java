package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The runner version agents must run: pinned in configuration, or the latest {@code
 * actions/runner} release, cached so that registrations do not each cost a GitHub call. Meant to
 * be used from one event loop (the cache is not shared across threads).
 */
public final class RunnerVersions {
  static final Duration CACHE_FOR = Duration.ofHours(1);
  private final GitHub github;
  private final String pinned;
  private final AgentApiConfig.RunnerDownload download;
  private final Clock clock;
  private String cached;
  private Instant cachedAt;
  private Future<String> inFlight;

  public RunnerVersions(GitHub github, AgentApiConfig config, Clock clock) {
    this.github = github;
    this.pinned = AgentApiConfig.blank(config.runnerVersion()) ? null : config.runnerVersion().trim();
    this.download = config.runnerDownload();
    this.clock = clock;
  }

  /** The required version; a failed lookup falls back to the last known release. */
  public synchronized Future<String> required() {
    if (pinned != null) {
      return Future.succeededFuture(pinned);
    }
    if (cached != null && clock.instant().isBefore(cachedAt.plus(CACHE_FOR))) {
      return Future.succeededFuture(cached);
    }
    if (inFlight == null) {
      Future<String> lookup =
          github
              .latestRunnerVersion()
              .transform(
                  ar -> {
                    synchronized (this) {
                      inFlight = null;
                      if (ar.succeeded() && ar.result() != null) {
                        cached = ar.result().startsWith("v") ? ar.result().substring(1) : ar.result();
                        cachedAt = clock.instant();
                        return Future.succeededFuture(cached);
                      }
                      return cached != null
                          ? Future.succeededFuture(cached)
                          : Future.failedFuture(ar.cause());
                    }
                  });
      // A lookup that completed synchronously has already cleared inFlight.
      if (!lookup.isComplete()) {
        inFlight = lookup;
      }
      return lookup;
    }
    return inFlight;
  }

  /** Where to fetch {@code version}, or null when the operator configured no download. */
  public Download downloadFor(String version) {
    if (download == null) {
      return null;
    }
    String sha = version.equals(pinned) && !AgentApiConfig.blank(download.sha256()) ? download.sha256() : null;
    return new Download(download.url().replace("{version}", version), sha);
  }

  /** A runner tarball location and, when known, its SHA-256. */
  public record Download(String url, String sha256) {}
}
