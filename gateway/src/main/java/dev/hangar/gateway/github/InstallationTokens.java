package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's credentials: a fresh JWT for app endpoints, and the installation access token for
 * everything else. The installation is discovered once for the configured owner; its token is
 * cached until {@code tokenRefreshBefore} ahead of expiry, and however many callers wait, only
 * one token request is in flight.
 */
final class InstallationTokens implements Credentials {
  private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);

  /** A cached token; toString hides the value. */
  private record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[expiresAt=" + expiresAt + ", value=***]";
    }
  }

  private final AppJwt jwt;
  private final GitHubConfig settings;
  private final Clock clock;
  private GitHubHttp http;
  private Token cached;
  private Future<Token> inFlight;
  private Future<Long> installationId;

  InstallationTokens(AppJwt jwt, GitHubConfig settings, Clock clock) {
    this.jwt = jwt;
    this.settings = settings;
    this.clock = clock;
  }

  void attach(GitHubHttp http) {
    this.http = http;
  }

  @Override
  public Future<String> bearer(GitHubRequest.Auth auth) {
    if (auth == GitHubRequest.Auth.APP) {
      return Future.succeededFuture(jwt.mint());
    }
    return token().map(Token::value);
  }

  @Override
  public synchronized void invalidate(String bearer) {
    if (cached != null && cached.value().equals(bearer)) {
      cached = null;
    }
  }

  private synchronized Future<Token> token() {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiresAt().minus(settings.tokenRefreshBefore()))) {
      return Future.succeededFuture(cached);
    }
    if (inFlight == null) {
      Future<Token> f = fetch();
      inFlight = f;
      f.onComplete(
          r -> {
            synchronized (this) {
              if (r.succeeded()) {
                cached = r.result();
              }
              inFlight = null;
            }
          });
      // The fetch may already be complete (and have cleared inFlight): hand out f itself.
      return f;
    }
    return inFlight;
  }

  private Future<Token> fetch() {
    return installationId()
        .compose(
            id ->
                http.send(
                    new GitHubRequest(
                        "create-installation-token",
                        HttpMethod.POST,
                        settings.apiUrl() + "/app/installations/" + id + "/access_tokens",
                        null,
                        GitHubRequest.Auth.APP,
                        null)))
        .map(
            r -> {
              if (r.status() != 201) {
                if (r.status() == 404) {
                  forgetInstallation(); // uninstalled and reinstalled: discover it again next time
                }
                throw new GitHubApiException("create-installation-token", r.status(), r.message());
              }
              String value = r.json().getString("token");
              String expires = r.json().getString("expires_at");
              Instant expiresAt =
                  expires == null ? clock.instant().plus(Duration.ofHours(1)) : Instant.parse(expires);
              LOG.info("GitHub installation token refreshed, expires {}", expiresAt);
              return new Token(value, expiresAt);
            });
  }

  private synchronized void forgetInstallation() {
    installationId = null;
  }

  private synchronized Future<Long> installationId() {
    if (installationId == null || installationId.failed()) {
      GitHubScope scope = GitHubScope.parse(settings.owner());
      installationId =
          http.send(
                  new GitHubRequest(
                      "get-installation",
                      HttpMethod.GET,
                      settings.apiUrl() + scope.installationPath(),
                      null,
                      GitHubRequest.Auth.APP,
                      null))
              .map(
                  r -> {
                    if (r.status() != 200) {
                      throw new GitHubApiException(
                          "get-installation for " + scope, r.status(), r.message());
                    }
                    return r.json().getLong("id");
                  });
    }
    return installationId;
  }

  @Override
  public String toString() {
    return "InstallationTokens[owner=" + settings.owner() + "]";
  }
}
