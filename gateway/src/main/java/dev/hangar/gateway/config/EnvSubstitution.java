package dev.hangar.gateway.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration text with environment
 * values before the YAML is parsed, so secrets can stay out of the file. {@code $${} writes a
 * literal {@code ${}. Comment lines are left alone so a commented-out reference cannot fail.
 */
final class EnvSubstitution {
  private static final Pattern REF =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private EnvSubstitution() {}

  static String apply(String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines[i];
      out.append(line.stripLeading().startsWith("#") ? line : substitute(line, env, i + 1));
    }
    return out.toString();
  }

  private static String substitute(String line, Map<String, String> env, int lineNo) {
    Matcher m = REF.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else {
        String value = env.get(m.group(1));
        if (value == null || value.isEmpty()) {
          value = m.group(2);
        }
        if (value == null) {
          throw ConfigException.general(
              "environment variable " + m.group(1) + " is not set (line " + lineNo + ")");
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
