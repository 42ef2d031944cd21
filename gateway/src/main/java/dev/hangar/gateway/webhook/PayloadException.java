package dev.hangar.gateway.webhook;

/** A webhook body Hangar cannot use; the message is the short reason sent back (400). */
public final class PayloadException extends RuntimeException {
  public PayloadException(String reason) {
    super(reason, null, false, false);
  }
}
