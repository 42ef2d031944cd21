package dev.hangar.agent.gateway;

/** The {@code code} values of the gateway's agent API refusals (docs/agent-api.yaml). */
public final class Refusals {
  /** 400: the request body does not match the schema. */
  public static final String BAD_REQUEST = "bad_request";
  /** 401: the identity document was refused. */
  public static final String NOT_VERIFIED = "not_verified";
  /** 401: the session token is unknown, expired or revoked. */
  public static final String SESSION_INVALID = "session_invalid";
  /** 403: the instance is not in a pool the gateway manages. */
  public static final String NOT_MANAGED = "not_managed";
  /** 409: register before the instance is InService (a launch hook still holds it). */
  public static final String NOT_IN_SERVICE = "not_in_service";
  /** 409: this instance launch made this registration before. */
  public static final String ALREADY_REGISTERED = "already_registered";
  /** 409: register beyond the pool's maxJobsPerRunner, or skipping a job number: retire. */
  public static final String SEQUENCE_REFUSED = "sequence_refused";
  /** 409: retire while the runner runs a job; register while the previous runner still shows busy. */
  public static final String RUNNER_BUSY = "runner_busy";
  /** 429: too many calls; {@code Retry-After} says how long to wait. */
  public static final String THROTTLED = "throttled";

  private Refusals() {}
}
