package dev.hangar.gateway.agentapi;

/**
 * Rules for agent-supplied text that ends up in EC2 tags and log lines: no control characters
 * (which forge or split log lines), no bidi overrides (which make a log or console show other
 * text than stored), no unpaired surrogates; and the cut to EC2's tag value limit.
 */
final class SafeText {
  /** EC2 "Tag restrictions": a value holds at most 256 Unicode characters. */
  static final int TAG_VALUE_MAX = 256;
  /** EC2 "Tag restrictions": a key holds at most 128 Unicode characters. */
  static final int TAG_KEY_MAX = 128;
  /**
   * The same rule as a regular expression, as {@code docs/agent-api.yaml} states it: C0 and C1
   * controls (NUL included), DEL, U+202A–U+202E and U+2066–U+2069 are refused.
   */
  static final String PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$";

  private SafeText() {}

  /** The first character the rules refuse, as {@code U+XXXX}, or null when the text is safe. */
  static String refused(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c) || isControl(c) || isBidiControl(c)) {
        return String.format("U+%04X", (int) c);
      }
    }
    return null;
  }

  /** Length in Unicode characters (code points), as JSON Schema and AWS count them. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The value cut to EC2's tag value limit, never splitting a surrogate pair. */
  static String tagValue(String s) {
    if (length(s) <= TAG_VALUE_MAX) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, TAG_VALUE_MAX));
  }

  private static boolean isControl(char c) {
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
  }

  private static boolean isBidiControl(char c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }
}
