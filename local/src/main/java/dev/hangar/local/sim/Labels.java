package dev.hangar.local.sim;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Case-insensitive label sets, as GitHub compares runner and job labels. */
final class Labels {
  private Labels() {}

  static Set<String> normalize(Collection<String> labels) {
    Set<String> out = new HashSet<>();
    for (String l : labels) {
      out.add(l.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
