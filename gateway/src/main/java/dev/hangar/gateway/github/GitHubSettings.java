package dev.hangar.gateway.github;

import java.time.Duration;
import java.util.Objects;

/**
 * How the GitHub adapter talks to GitHub: where, as which app, for which owner, and how
 * patiently. Holds no secret: the private key is loaded separately from a file or a secret.
 *
 * @param apiUrl REST base URL, {@code https://api.github.com} or {@code https://HOST/api/v3}
 * @param appId GitHub App id (the JWT issuer)
 * @param privateKeyFile path of the app's PEM private key, or null
 * @param privateKeySecretId AWS Secrets Manager secret holding the PEM, or null
 * @param owner organization, or {@code owner/repo} for repository-level runners
 * @param runnerGroup runner group name for new runners (null: the default group)
 * @param requestTimeout timeout of one HTTP request
 * @param maxRetries retries after a 5xx, network error or rate-limit answer
 * @param backoffBase first retry delay (doubles per retry, with jitter)
 * @param backoffMax upper bound of one retry delay
 * @param maxRateLimitWait longest wait for a rate-limit reset or retry-after before giving up
 * @param tokenRefreshBefore refresh an installation token this long before it expires
 * @param releaseCacheTtl how long the latest runner release is remembered
 */
public record GitHubSettings(
    String apiUrl,
    long appId,
    String privateKeyFile,
    String privateKeySecretId,
    String owner,
    String runnerGroup,
    Duration requestTimeout,
    int maxRetries,
    Duration backoffBase,
    Duration backoffMax,
    Duration maxRateLimitWait,
    Duration tokenRefreshBefore,
    Duration releaseCacheTtl) {

  public static final String DEFAULT_API_URL = "https://api.github.com";

  public GitHubSettings {
    apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : stripSlash(apiUrl);
    Objects.requireNonNull(owner, "github.owner");
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    maxRetries = Math.max(0, maxRetries);
    backoffBase = backoffBase == null ? Duration.ofMillis(500) : backoffBase;
    backoffMax = backoffMax == null ? Duration.ofSeconds(30) : backoffMax;
    maxRateLimitWait = maxRateLimitWait == null ? Duration.ofMinutes(2) : maxRateLimitWait;
    tokenRefreshBefore = tokenRefreshBefore == null ? Duration.ofMinutes(5) : tokenRefreshBefore;
    releaseCacheTtl = releaseCacheTtl == null ? Duration.ofHours(1) : releaseCacheTtl;
  }

  /** Settings with the defaults for everything but the essentials. */
  public static GitHubSettings of(String apiUrl, long appId, String owner, String runnerGroup) {
    return new GitHubSettings(
        apiUrl, appId, null, null, owner, runnerGroup, null, 3, null, null, null, null, null);
  }

  /** A copy with other retry pacing (tests use short delays with an injected clock). */
  public GitHubSettings withRetries(int retries, Duration base, Duration max, Duration maxWait) {
    return new GitHubSettings(
        apiUrl, appId, privateKeyFile, privateKeySecretId, owner, runnerGroup, requestTimeout,
        retries, base, max, maxWait, tokenRefreshBefore, releaseCacheTtl);
  }

  /** A copy that reads the private key from a file. */
  public GitHubSettings withPrivateKeyFile(String file) {
    return new GitHubSettings(
        apiUrl, appId, file, privateKeySecretId, owner, runnerGroup, requestTimeout, maxRetries,
        backoffBase, backoffMax, maxRateLimitWait, tokenRefreshBefore, releaseCacheTtl);
  }

  /** A copy that reads the private key from AWS Secrets Manager. */
  public GitHubSettings withPrivateKeySecretId(String secretId) {
    return new GitHubSettings(
        apiUrl, appId, privateKeyFile, secretId, owner, runnerGroup, requestTimeout, maxRetries,
        backoffBase, backoffMax, maxRateLimitWait, tokenRefreshBefore, releaseCacheTtl);
  }

  /** The owner as a scope: organization or single repository. */
  public GitHubScope scope() {
    return GitHubScope.parse(owner);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
