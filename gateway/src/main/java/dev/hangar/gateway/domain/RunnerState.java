package dev.hangar.gateway.domain;

/** What an instance of a tier is doing, as the scaling policy sees it. */
public enum RunnerState {
  /** Launched into the warm pool and still initializing ({@code Warmed:Pending*}). */
  WARMING,
  /** Waiting in the warm pool ({@code Warmed:Stopped|Hibernated|Running}). */
  WARM,
  /** In the group (pending or in service) but no runner online yet. */
  BOOTING,
  /** Runner online and not running a job. */
  IDLE,
  /** Runner running a job: never retired by the policy. */
  BUSY,
  /** Terminating or terminated: no longer supply. */
  LEAVING
}
