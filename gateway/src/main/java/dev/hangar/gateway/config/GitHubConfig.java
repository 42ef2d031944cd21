package dev.hangar.gateway.config;

import java.util.List;

/**
 * The GitHub App and its webhooks.
 *
 * @param webhookSecrets secrets a delivery may be signed with; any one matching is enough, so a
 *     secret can be rotated by listing old and new for a while (secret: never printed)
 * @param apiUrl REST API base (default {@code https://api.github.com}; GHES: {@code https://HOST/api/v3})
 * @param appId GitHub App id
 * @param privateKeyFile PEM file with the App's private key
 * @param privateKeySecretId Secrets Manager id holding the PEM instead of a file
 * @param owner organization, or {@code owner/repo} for repository runners
 * @param runnerGroup runner group new runners join (default {@code Default})
 * @param requestTimeout timeout of one GitHub REST call ({@code 10s}, {@code PT10S}; default 10s)
 * @param maxRetries retries of a GitHub call after a 5xx, network error or rate limit (default 3)
 */
public record GitHubConfig(
    List<String> webhookSecrets,
    String apiUrl,
    Long appId,
    String privateKeyFile,
    String privateKeySecretId,
    String owner,
    String runnerGroup,
    String requestTimeout,
    Integer maxRetries) {

  public GitHubConfig {
    webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
    apiUrl = apiUrl == null ? "https://api.github.com" : apiUrl;
    runnerGroup = runnerGroup == null ? "Default" : runnerGroup;
    maxRetries = maxRetries == null ? 3 : maxRetries;
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries: must be 0..10");
    }
    dev.hangar.gateway.github.DurationText.parse(requestTimeout, null, "requestTimeout");
  }

  /** All defaults (no secrets, no App). */
  public static GitHubConfig defaults() {
    return new GitHubConfig(null, null, null, null, null, null, null, null, null);
  }

  @Override
  public String toString() {
    return "GitHubConfig[webhookSecrets=" + webhookSecrets.size() + " x ***, apiUrl=" + apiUrl
        + ", appId=" + appId + ", privateKeyFile=" + privateKeyFile + ", privateKeySecretId="
        + privateKeySecretId + ", owner=" + owner + ", runnerGroup=" + runnerGroup + ", requestTimeout=" + requestTimeout
        + ", maxRetries=" + maxRetries + "]";
  }
}
