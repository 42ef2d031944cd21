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
}
