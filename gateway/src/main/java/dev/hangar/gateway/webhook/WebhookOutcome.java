package dev.hangar.gateway.webhook;

/** How a webhook request ended: HTTP status and the {@code result} tag of the metric. */
public enum WebhookOutcome {
  ACCEPTED(202, "accepted"),
  UNMATCHED(202, "unmatched"),
  IGNORED(202, "ignored"),
  PING(200, "ping"),
  BAD_REQUEST(400, "bad_request"),
  BAD_SIGNATURE(401, "unauthorized"),
  TOO_LARGE(413, "too_large"),
  UNSUPPORTED_MEDIA_TYPE(415, "bad_request"),
  UNAVAILABLE(503, "unavailable"),
  ERROR(500, "error");

  private final int status;
  private final String tag;

  WebhookOutcome(int status, String tag) {
    this.status = status;
    this.tag = tag;
  }

  /** HTTP status answered. */
  public int status() {
    return status;
  }

  /** Value of the {@code result} tag of {@code hangar.webhook.received}. */
  public String tag() {
    return tag;
  }
}
