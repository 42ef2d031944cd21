package dev.hangar.gateway.agentapi;

import java.util.Locale;

/**
 * The check that refused an agent's session or registration; its {@link #tag()} is the bounded
 * {@code result} of {@code hangar.agent.sessions} and {@code hangar.agent.registrations}.
 */
enum Refusal {
  /** The identity document is not a signed identity document. */
  MALFORMED,
  /** No trusted certificate for the region the document claims. */
  NO_CERTIFICATE,
  /** The signature does not verify with the claimed region's certificate. */
  SIGNATURE,
  /** The document is from another region than the gateway's. */
  REGION,
  /** The document is from another account than {@code agentApi.accountId}. */
  ACCOUNT,
  /** The instance is in no configured pool's Auto Scaling group. */
  NOT_MANAGED;

  /** The metric tag and log {@code reason}. */
  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Refusal of(IdentityException.Reason reason) {
    return switch (reason) {
      case MALFORMED -> MALFORMED;
      case NO_CERTIFICATE -> NO_CERTIFICATE;
      case SIGNATURE -> SIGNATURE;
    };
  }
}
