package dev.hangar.gateway.config;

/** A configuration that cannot be used; the message is one line naming the key path. */
public final class ConfigException extends RuntimeException {

  /** A problem with the value at {@code path} (e.g. {@code pools[0].maxRunners}). */
  public ConfigException(String path, String reason) {
    super("config: " + (path == null || path.isEmpty() ? "" : path + ": ") + reason);
  }

  /** A problem not tied to one key (unreadable file, YAML syntax). */
  public static ConfigException general(String reason) {
    return new ConfigException("", reason);
  }
}
