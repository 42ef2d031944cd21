package dev.hangar.gateway.webhook;

/** How a webhook request ended: HTTP status and the {@code result} tag of the metric. */
public enum WebhookOutcome {
  ACCEPTED(202, "accepted"),
  UNMATCHED(202, "unmatched"),
  IGNORED(202, "ignored"),
  PING(200, "ping"),
  BAD_REQUEST(400, "bad_request"),
  BAD_SIGNATURE(401, "unauthorized"),
  NOT_FOUND(404, "not_found"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  REQUEST_TIMEOUT(408, "timeout"),
  TOO_LARGE(413, "too_large"),
  URI_TOO_LONG(414, "uri_too_long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  HEADERS_TOO_LARGE(431, "headers_too_large"),
  UNAVAILABLE(503, "unavailable"),
  ERROR(500, "error");

  private final int status;
  private final String tag;

  WebhookOutcome(int status, String tag) {
    this.status = status;
    this.tag = tag;
  }

  /** The outcome answering {@code status}; {@link #ERROR} for a status no outcome answers. */
  public static WebhookOutcome ofStatus(int status) {
    for (WebhookOutcome o : values()) {
      if (o.status == status && o.status >= 400) {
        return o;
      }
    }
    return ERROR;
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
