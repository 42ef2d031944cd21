package dev.hangar.gateway.domain;

/** An Auto Scaling group's minimum and maximum size, which its desired capacity stays within. */
public record GroupBounds(int minSize, int maxSize) {

  /** {@code desired} moved into the bounds: AWS refuses a desired capacity outside them. */
  public int clamp(int desired) {
    return Math.max(minSize, Math.min(maxSize, desired));
  }
}
