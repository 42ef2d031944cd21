package dev.hangar.gateway.github;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * One GitHub REST call before authentication.
 *
 * @param endpoint short name for metrics and errors, e.g. {@code list-runners}
 * @param url absolute URL
 * @param body JSON body, or null
 * @param auth app JWT or installation token
 * @param ifNoneMatch ETag for a conditional request, or null
 */
record GitHubRequest(
    String endpoint, HttpMethod method, String url, JsonObject body, Auth auth, String ifNoneMatch) {

  /** The credential a request needs. */
  enum Auth {
    /** The app's own JWT (installations, tokens, hook deliveries). */
    APP,
    /** An installation access token (everything on the owner's resources). */
    INSTALLATION
  }
}
