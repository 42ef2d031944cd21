package dev.hangar.gateway.github;

/**
 * Where Hangar's runners live on GitHub: an organization ({@code org}) or one repository
 * ({@code owner/repo}, repository-level runners).
 */
public record GitHubScope(String owner, String repo) {

  /** Parses {@code org} or {@code owner/repo}. */
  public static GitHubScope parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("github.owner is empty");
    }
    String v = value.trim();
    int slash = v.indexOf('/');
    if (slash < 0) {
      return new GitHubScope(v, null);
    }
    String o = v.substring(0, slash);
    String r = v.substring(slash + 1);
    if (o.isEmpty() || r.isEmpty() || r.contains("/")) {
      throw new IllegalArgumentException("github.owner must be an organization or owner/repo");
    }
    return new GitHubScope(o, r);
  }

  /** True for repository-level runners. */
  public boolean isRepository() {
    return repo != null;
  }

  /** Path prefix of the scope's Actions runner endpoints, e.g. {@code /orgs/acme/actions}. */
  public String actionsPath() {
    return isRepository()
        ? "/repos/" + UrlPath.segment(owner) + "/" + UrlPath.segment(repo) + "/actions"
        : "/orgs/" + UrlPath.segment(owner) + "/actions";
  }

  /** Path that reveals the app's installation for this scope. */
  public String installationPath() {
    return isRepository()
        ? "/repos/" + UrlPath.segment(owner) + "/" + UrlPath.segment(repo) + "/installation"
        : "/orgs/" + UrlPath.segment(owner) + "/installation";
  }

  @Override
  public String toString() {
    return isRepository() ? owner + "/" + repo : owner;
  }
}
