package dev.hangar.gateway.github;

/** Reads the {@code rel="next"} URL from GitHub's {@code Link} pagination header. */
final class LinkHeader {
  private LinkHeader() {}

  /** The next page's URL, or null on the last page. */
  static String next(String link) {
    if (link == null) {
      return null;
    }
    for (String part : link.split(",")) {
      String[] pieces = part.split(";");
      if (pieces.length < 2) {
        continue;
      }
      String url = pieces[0].trim();
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim().replace(" ", "");
        if (p.equals("rel=\"next\"") || p.equals("rel=next")) {
          if (url.startsWith("<") && url.endsWith(">")) {
            return url.substring(1, url.length() - 1);
          }
        }
      }
    }
    return null;
  }
}
