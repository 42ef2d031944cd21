package dev.hangar.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keys an older configuration may still carry. Each is refused with a message naming its
 * replacement, because "unknown key" alone would leave the operator guessing where the setting
 * went; a silently ignored key would be worse.
 */
final class RetiredKeys {
  private RetiredKeys() {}

  /** Throws {@link ConfigException} for the first retired key found in the bound tree. */
  static void refuse(JsonNode root) {
    if (root.has("scaling")) {
      throw new ConfigException("scaling",
          "renamed to poolLoop (pool loop timing); per-pool policy stays under pools[].scaling");
    }
    JsonNode reconcile = root.get("reconcile");
    if (reconcile != null && reconcile.isObject() && reconcile.has("bootTimeout")) {
      throw new ConfigException("reconcile.bootTimeout",
          "removed; each pool's pools[].scaling.bootTimeoutSeconds applies");
    }
  }
}
