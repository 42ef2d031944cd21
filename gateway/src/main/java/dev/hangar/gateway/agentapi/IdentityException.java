package dev.hangar.gateway.agentapi;

/** An instance identity document that could not be verified; the message is safe to log. */
public final class IdentityException extends Exception {
  /** Which check refused the document. */
  public enum Reason {
    /** Not a PKCS#7 signed identity document (encoding, size, content). */
    MALFORMED,
    /** No trusted certificate for the region the document claims. */
    NO_CERTIFICATE,
    /** The signature does not verify with the region's trusted certificate. */
    SIGNATURE
  }

  private final Reason reason;

  public IdentityException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** A malformed document. */
  public IdentityException(String message) {
    this(Reason.MALFORMED, message);
  }

  public Reason reason() {
    return reason;
  }
}
