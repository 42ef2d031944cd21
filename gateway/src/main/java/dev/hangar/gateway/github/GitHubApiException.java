package dev.hangar.gateway.github;

/** GitHub answered with an unexpected status; carries the status and GitHub's message only. */
public class GitHubApiException extends RuntimeException {
  private final int status;

  public GitHubApiException(String endpoint, int status, String message) {
    super("GitHub " + endpoint + " answered " + status + (message == null ? "" : ": " + message));
    this.status = status;
  }

  /** The HTTP status, 0 for a network error. */
  public int status() {
    return status;
  }
}
