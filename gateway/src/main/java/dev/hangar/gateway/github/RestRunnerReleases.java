package dev.hangar.gateway.github;

import dev.hangar.gateway.port.RunnerReleases;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Instant;

/** The latest {@code actions/runner} release, cached for {@code github.releaseCacheTtl}. */
final class RestRunnerReleases implements RunnerReleases {
  private final GitHubCalls calls;
  private final Clock clock;
  private Future<String> latestRelease;
  private Instant latestReleaseAt = Instant.MIN;

  RestRunnerReleases(GitHubCalls calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  @Override
  public synchronized Future<String> latestRunnerVersion() {
    Instant now = clock.instant();
    if (latestRelease != null
        && !latestRelease.failed()
        && now.isBefore(latestReleaseAt.plus(calls.settings.releaseCacheTtl()))) {
      return latestRelease;
    }
    latestReleaseAt = now;
    latestRelease =
        calls.installation(
                "latest-runner-release",
                HttpMethod.GET,
                calls.url("/repos/actions/runner/releases/latest"),
                null,
                null)
            .map(
                r -> {
                  if (r.status() != 200) {
                    throw new GitHubApiException("latest-runner-release", r.status(), r.message());
                  }
                  String tag = r.json().getString("tag_name", "");
                  return tag.startsWith("v") ? tag.substring(1) : tag;
                });
    return latestRelease;
  }
}
