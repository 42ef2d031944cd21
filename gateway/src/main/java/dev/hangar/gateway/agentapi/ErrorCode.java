package dev.hangar.gateway.agentapi;

import java.util.Locale;

/**
 * The machine-readable {@code code} of every agent API refusal, with its HTTP status. Agents act
 * on the code (retry later, wait, give up), never on the wording of the {@code error} text.
 */
public enum ErrorCode {
  BAD_REQUEST(400),
  /** The identity document was refused (which check refused it is logged and counted, not said). */
  NOT_VERIFIED(401),
  /** No session token, or a forged, malformed or expired one. */
  SESSION_INVALID(401),
  /** The instance is in no pool's Auto Scaling group, or the session names another instance. */
  NOT_MANAGED(403),
  /** The instance was retired or terminated: its sessions are over. */
  INSTANCE_RETIRED(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  /** Registration before the instance is in service: retry once it is. */
  NOT_IN_SERVICE(409),
  /** This instance launch already made this registration (its runner, or that job number's). */
  ALREADY_REGISTERED(409),
  /**
   * A registration beyond the pool's {@code maxJobsPerRunner}, or not the launch's next one (a
   * number skipped): the instance takes no further job, so it retires.
   */
  SEQUENCE_REFUSED(409),
  /**
   * GitHub refused to delete the runner because it runs a job: retire again after the job. On
   * register: GitHub still shows the launch's previous runner busy; register again shortly.
   */
  RUNNER_BUSY(409),
  /** The Auto Scaling lifecycle action is not pending (already completed, or timed out). */
  NO_LIFECYCLE_ACTION(409),
  TOO_LARGE(413),
  /** A rate limit: retry after the {@code Retry-After} seconds. */
  THROTTLED(429),
  INTERNAL(500),
  /** GitHub or AWS failed: retry with backoff. */
  UNAVAILABLE(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** HTTP status answered with this code. */
  public int status() {
    return status;
  }

  /** The value of the answer's {@code code} field. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
