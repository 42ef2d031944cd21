package dev.hangar.gateway.github;

import java.time.Instant;

/** GitHub's rate limit is exhausted for longer than Hangar is willing to wait. */
public class GitHubRateLimitException extends GitHubApiException {
  private final Instant retryAt;

  public GitHubRateLimitException(String endpoint, int status, Instant retryAt) {
    super(endpoint, status, "rate limited until " + retryAt);
    this.retryAt = retryAt;
  }

  /** When GitHub will accept requests again. */
  public Instant retryAt() {
    return retryAt;
  }
}
