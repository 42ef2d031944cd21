package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What every endpoint group shares: the settings, the scope and the authenticated sender. */
final class GitHubCalls {
  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 50;

  final GitHubConfig settings;
  final GitHubScope scope;
  private final GitHubHttp http;

  GitHubCalls(GitHubConfig settings, GitHubHttp http) {
    this.settings = settings;
    this.scope = GitHubScope.parse(settings.owner());
    this.http = http;
  }

  /** {@code path} under the API root, e.g. {@code /app/hook/deliveries}. */
  String url(String path) {
    return settings.apiUrl() + path;
  }

  /** {@code path} under the scope's actions root ({@code /orgs/o/actions} or {@code /repos/o/r/actions}). */
  String actionsUrl(String path) {
    return settings.apiUrl() + scope.actionsPath() + path;
  }

  /** A call as the App installation; {@code etag} makes it conditional (null: unconditional). */
  Future<GitHubResponse> installation(
      String endpoint, HttpMethod method, String url, JsonObject body, String etag) {
    return http.send(
        new GitHubRequest(endpoint, method, url, body, GitHubRequest.Auth.INSTALLATION, etag));
  }

  /** A call as the App itself (JWT), e.g. its webhook deliveries. */
  Future<GitHubResponse> app(String endpoint, HttpMethod method, String url) {
    return http.send(new GitHubRequest(endpoint, method, url, null, GitHubRequest.Auth.APP, null));
  }

  static Instant instant(String s) {
    return s == null || s.isBlank() ? null : OffsetDateTime.parse(s).toInstant();
  }

  @Override
  public String toString() {
    return settings.apiUrl() + ", owner=" + scope;
  }
}
