package dev.hangar.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** GitHub's published API descriptions vendored in {@code src/test/resources/github/} (see SOURCE.md there). */
public final class GitHubDescriptions {
  private GitHubDescriptions() {}

  /** The text of one vendored description file, read from the test class path. */
  public static String read(String name) {
    try (InputStream in = GitHubDescriptions.class.getResourceAsStream("/github/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource github/" + name + " is missing (see gateway/src/test/resources/github/SOURCE.md)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
