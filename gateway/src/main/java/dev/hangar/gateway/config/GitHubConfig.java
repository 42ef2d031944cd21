package dev.hangar.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The GitHub App and its webhooks (YAML {@code github}), also the GitHub adapter's settings. Holds
 * no private key: that is read from {@code privateKeyFile} or {@code privateKeySecretId} at start.
 *
 * @param webhookSecrets secrets a delivery may be signed with; any one matching is enough, so a
 *     secret can be rotated by listing old and new for a while (secret: never printed)
 * @param apiUrl REST API base (default {@code https://api.github.com}; GHES: {@code https://HOST/api/v3})
 * @param appId GitHub App id (the JWT issuer)
 * @param privateKeyFile PEM file with the App's private key
 * @param privateKeySecretId Secrets Manager id holding the PEM instead of a file
 * @param owner organization, or {@code owner/repo} for repository runners
 * @param runnerGroup runner group new runners join (default {@code Default})
 * @param requestTimeout timeout of one GitHub REST call ({@code 10s}, {@code PT10S}; default 10s)
 * @param maxRetries retries of a GitHub call after a 5xx, network error or rate limit (default 3)
 * @param backoffBase first retry delay, doubled per retry with jitter (default 500ms)
 * @param backoffMax longest single retry delay (default 30s)
 * @param maxRateLimitWait longest wait for a rate-limit reset or Retry-After before giving up
 *     (default 2m)
 * @param tokenRefreshBefore an installation token is renewed this long before it expires
 *     (default 5m)
 * @param releaseCacheTtl how long the latest runner release is remembered (default 1h)
 */
public record GitHubConfig(
    List<String> webhookSecrets,
    String apiUrl,
    Long appId,
    String privateKeyFile,
    String privateKeySecretId,
    String owner,
    String runnerGroup,
    Duration requestTimeout,
    Integer maxRetries,
    Duration backoffBase,
    Duration backoffMax,
    Duration maxRateLimitWait,
    Duration tokenRefreshBefore,
    Duration releaseCacheTtl) {

  public static final String DEFAULT_API_URL = "https://api.github.com";

  public GitHubConfig {
    webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
    apiUrl = apiUrl == null ? DEFAULT_API_URL : stripSlash(apiUrl);
    runnerGroup = runnerGroup == null ? "Default" : runnerGroup;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    maxRetries = maxRetries == null ? 3 : maxRetries;
    backoffBase = backoffBase == null ? Duration.ofMillis(500) : backoffBase;
    backoffMax = backoffMax == null ? Duration.ofSeconds(30) : backoffMax;
    maxRateLimitWait = maxRateLimitWait == null ? Duration.ofMinutes(2) : maxRateLimitWait;
    tokenRefreshBefore = tokenRefreshBefore == null ? Duration.ofMinutes(5) : tokenRefreshBefore;
    releaseCacheTtl = releaseCacheTtl == null ? Duration.ofHours(1) : releaseCacheTtl;
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries: must be 0..10");
    }
  }

  /** All defaults (no secrets, no App). */
  public static GitHubConfig defaults() {
    return new GitHubConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** An App and owner with every other setting at its default (adapters built in tests). */
  public static GitHubConfig of(String apiUrl, long appId, String owner, String runnerGroup) {
    return new GitHubConfig(null, apiUrl, appId, null, null, owner, runnerGroup,
        null, null, null, null, null, null, null);
  }

  /** A copy with other retry pacing (tests use short delays with an injected clock). */
  public GitHubConfig withRetries(int retries, Duration base, Duration max, Duration maxWait) {
    return new GitHubConfig(webhookSecrets, apiUrl, appId, privateKeyFile, privateKeySecretId, owner,
        runnerGroup, requestTimeout, retries, base, max, maxWait, tokenRefreshBefore, releaseCacheTtl);
  }

  /** A copy that reads the private key from a file. */
  public GitHubConfig withPrivateKeyFile(String file) {
    return new GitHubConfig(webhookSecrets, apiUrl, appId, file, privateKeySecretId, owner,
        runnerGroup, requestTimeout, maxRetries, backoffBase, backoffMax, maxRateLimitWait,
        tokenRefreshBefore, releaseCacheTtl);
  }

  /** A copy that reads the private key from AWS Secrets Manager. */
  public GitHubConfig withPrivateKeySecretId(String secretId) {
    return new GitHubConfig(webhookSecrets, apiUrl, appId, privateKeyFile, secretId, owner,
        runnerGroup, requestTimeout, maxRetries, backoffBase, backoffMax, maxRateLimitWait,
        tokenRefreshBefore, releaseCacheTtl);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    return "GitHubConfig[webhookSecrets=" + webhookSecrets.size() + " x ***, apiUrl=" + apiUrl
        + ", appId=" + appId + ", privateKeyFile=" + privateKeyFile + ", privateKeySecretId="
        + privateKeySecretId + ", owner=" + owner + ", runnerGroup=" + runnerGroup
        + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries
        + ", backoffBase=" + backoffBase + ", backoffMax=" + backoffMax
        + ", maxRateLimitWait=" + maxRateLimitWait + ", tokenRefreshBefore=" + tokenRefreshBefore
        + ", releaseCacheTtl=" + releaseCacheTtl + "]";
  }
}
