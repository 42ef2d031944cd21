package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.config.AgentApiConfig;
import dev.hangar.gateway.port.RunnerReleases;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runner version agents must run: pinned in configuration, or the latest {@code
 * actions/runner} release, cached so that registrations do not each cost a GitHub call. Meant to
 * be used from one event loop (the cache is not shared across threads).
 */
public final class RunnerVersions {
  static final Duration CACHE_FOR = Duration.ofHours(1);
  private final RunnerReleases github;
  private final String pinned;
  private final AgentApiConfig.RunnerDownload download;
  private final Clock clock;
  private String cached;
  private Instant cachedAt;
  private Future<String> inFlight;
  /** When this gateway first saw each required version: the start of a runner's lag. */
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  public RunnerVersions(RunnerReleases github, AgentApiConfig config, Clock clock) {
    this.github = github;
    this.pinned = blank(config.runnerVersion()) ? null : config.runnerVersion().trim();
    this.download = config.runnerDownload();
    this.clock = clock;
    if (pinned != null) {
      firstSeen.put(pinned, clock.instant());
    }
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
                        firstSeen.putIfAbsent(cached, cachedAt);
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

  /**
   * Days since this gateway first knew a required version newer than {@code version} (0 when
   * it is current). GitHub stops sending jobs to a runner 30 days after a newer release; a
   * gateway started after the release under-reports, never over-reports.
   */
  public double lagDays(String version) {
    int[] v = parse(version);
    if (v == null) {
      return 0;
    }
    Instant oldestNewer = null;
    for (Map.Entry<String, Instant> e : firstSeen.entrySet()) {
      int[] known = parse(e.getKey());
      if (known != null && compare(known, v) > 0
          && (oldestNewer == null || e.getValue().isBefore(oldestNewer))) {
        oldestNewer = e.getValue();
      }
    }
    if (oldestNewer == null) {
      return 0;
    }
    return Math.max(0, Duration.between(oldestNewer, clock.instant()).toSeconds() / 86_400.0);
  }

  private static int[] parse(String version) {
    if (version == null || !version.matches("v?[0-9]{1,6}\\.[0-9]{1,6}\\.[0-9]{1,6}")) {
      return null;
    }
    String[] p = (version.startsWith("v") ? version.substring(1) : version).split("\\.");
    return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }

  /** Where to fetch {@code version}, or null when the operator configured no download. */
  public Download downloadFor(String version) {
    if (download == null) {
      return null;
    }
    String sha = version.equals(pinned) && !blank(download.sha256()) ? download.sha256() : null;
    return new Download(download.url().replace("{version}", version), sha);
  }

  /** A runner tarball location and, when known, its SHA-256. */
  public record Download(String url, String sha256) {}

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
