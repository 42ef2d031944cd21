package dev.hangar.local.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --key value} and {@code --flag} command-line options; unknown ones are refused. */
final class CliArgs {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  CliArgs(String[] args, Set<String> valueKeys, Set<String> flagKeys) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String key = a.substring(2);
      int eq = key.indexOf('=');
      if (eq > 0) {
        put(key.substring(0, eq), key.substring(eq + 1), valueKeys);
      } else if (flagKeys.contains(key)) {
        flags.add(key);
      } else if (valueKeys.contains(key)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + key + " needs a value");
        }
        values.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option: --" + key);
      }
    }
  }

  private void put(String key, String value, Set<String> valueKeys) {
    if (!valueKeys.contains(key)) {
      throw new IllegalArgumentException("unknown option: --" + key);
    }
    values.put(key, value);
  }

  String get(String key) {
    return values.get(key);
  }

  String require(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }

  int intValue(String key, int dflt) {
    String v = values.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, got " + v);
    }
  }

  boolean flag(String key) {
    return flags.contains(key);
  }
}
