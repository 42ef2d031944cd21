package dev.hangar.agent.imds;

/** IMDS did not answer usefully (timeout, refused connection, 5xx, or no token could be had). */
public final class ImdsUnavailableException extends Exception {
  public ImdsUnavailableException(String message) {
    super(message);
  }
}
