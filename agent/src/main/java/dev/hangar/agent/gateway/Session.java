package dev.hangar.agent.gateway;

/** A gateway session bound to this instance; the token never appears in {@link #toString()}. */
public record Session(String sessionToken, String instanceId, String expiresAt) {
  @Override
  public String toString() {
    return "Session[instanceId=" + instanceId + ", expiresAt=" + expiresAt + ", sessionToken=***]";
  }
}
