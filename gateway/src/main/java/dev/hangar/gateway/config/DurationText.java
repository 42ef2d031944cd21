package dev.hangar.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one reader of durations in configuration: ISO-8601 ({@code PT10M}) or {@code 90s},
 * {@code 10m}, {@code 2h}, {@code 3d}. The loader uses it to bind every {@link Duration} field,
 * so sections hold typed durations and nothing parses text after start-up. Errors give a reason,
 * never the text: it may be a misplaced secret.
 */
public final class DurationText {
  static final String FORMAT = "must be a duration like 90s, 10m, 2h, 3d or PT10M";

  private DurationText() {}

  /**
   * The positive duration written as {@code text}, or null when it is null or blank (the
   * section's default then applies); otherwise IllegalArgumentException with the reason alone.
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else {
        long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
        d = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          default -> throw new IllegalArgumentException();
        };
      }
    } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException
        | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(FORMAT);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("must be positive");
    }
    return d;
  }

  /** A duration that could not be read; {@link #reason()} is safe to print, the input is not kept. */
  static final class Invalid extends JsonMappingException {
    private final String reason;

    Invalid(JsonParser p, String reason) {
      super(p, reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  /** Binds scalars through {@link #parse}; the loader turns {@link Invalid} into the key's message. */
  static final class Deserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      try {
        return parse(p.getText());
      } catch (IllegalArgumentException e) {
        throw new Invalid(p, e.getMessage());
      }
    }
  }
}
