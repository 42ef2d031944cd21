package dev.hangar.gateway.agentapi;

/** An instance identity document that could not be verified; the message is safe to log. */
public final class IdentityException extends Exception {
  public IdentityException(String message) {
    super(message, null, false, false);
  }
}
