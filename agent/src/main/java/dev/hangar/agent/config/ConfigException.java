package dev.hangar.agent.config;

/** A configuration problem, reported as one line and a non-zero exit. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
