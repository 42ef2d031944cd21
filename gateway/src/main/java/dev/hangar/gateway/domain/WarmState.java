package dev.hangar.gateway.domain;

/** The state instances wait in inside a warm pool; AWS names them Stopped, Hibernated, Running. */
public enum WarmState {
  STOPPED("Stopped"),
  HIBERNATED("Hibernated"),
  RUNNING("Running");

  private final String awsName;

  WarmState(String awsName) {
    this.awsName = awsName;
  }

  /** The name the Auto Scaling API uses ({@code PoolState}). */
  public String awsName() {
    return awsName;
  }

  /** Parses an Auto Scaling {@code PoolState} (case-insensitive); null for null. */
  public static WarmState fromAws(String name) {
    if (name == null) {
      return null;
    }
    for (WarmState s : values()) {
      if (s.awsName.equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown warm pool state: " + name);
  }
}
