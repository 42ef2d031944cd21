package dev.hangar.agent;

/** Where the agent is in an instance's life; reported in heartbeats and EMF lines. */
public enum AgentState {
  STARTING, WARMING_UP, WARMED, REGISTERING, UPDATING, IDLE, BUSY, DRAINING, RETIRING, RETIRED,
  TERMINATING, SHUTTING_DOWN;

  /** Lower-case wire name ({@code idle}, {@code busy}, …). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
