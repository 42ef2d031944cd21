package dev.hangar.gateway.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes values placed in a URL path, so names from webhooks cannot change the path. */
final class UrlPath {
  private UrlPath() {}

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code owner/repo} as two encoded path segments. */
  static String repository(String fullName) {
    int slash = fullName == null ? -1 : fullName.indexOf('/');
    if (slash <= 0 || slash == fullName.length() - 1) {
      throw new IllegalArgumentException("repository must be owner/repo");
    }
    return segment(fullName.substring(0, slash)) + "/" + segment(fullName.substring(slash + 1));
  }
}
