package dev.hangar.gateway.github;

import io.vertx.core.Future;

/** Supplies the bearer credential for a request, and forgets one GitHub refused. */
interface Credentials {

  /** The bearer value for the credential kind. */
  Future<String> bearer(GitHubRequest.Auth auth);

  /** Drops a cached installation token GitHub answered 401 to, so the next call refreshes. */
  void invalidate(String bearer);
}
