package dev.hangar.gateway.github;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads durations from configuration: ISO-8601 ({@code PT10M}) or {@code 90s}, {@code 10m},
 * {@code 2h}, {@code 3d}. Errors name the key, never the text: it may be a misplaced secret.
 */
public final class DurationText {
  private DurationText() {}

  /**
   * The duration, or {@code fallback} when {@code text} is null or blank; otherwise
   * IllegalArgumentException {@code "KEY: reason"}.
   */
  public static Duration parse(String text, Duration fallback, String key) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), key);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
      Duration d =
          switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException();
          };
      return positive(d, key);
    } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(key + ": must be a duration like 90s, 10m, 2h, 3d or PT10M");
    }
  }

  private static Duration positive(Duration d, String key) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": must be positive");
    }
    return d;
  }
}
