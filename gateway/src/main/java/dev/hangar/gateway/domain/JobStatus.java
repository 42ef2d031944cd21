package dev.hangar.gateway.domain;

import java.util.Locale;
import java.util.Optional;

/** Where a GitHub Actions job is in its life; ordered so that state only ever moves forward. */
public enum JobStatus {
  /** Waiting for an environment approval or a concurrency slot: not demand yet. */
  WAITING,
  QUEUED,
  IN_PROGRESS,
  COMPLETED;

  /** True when this status is further along than {@code other}. */
  public boolean isAfter(JobStatus other) {
    return ordinal() > other.ordinal();
  }

  /** Maps a {@code workflow_job} action ({@code queued}, {@code in_progress}, ...) to a status. */
  public static Optional<JobStatus> fromAction(String action) {
    if (action == null) {
      return Optional.empty();
    }
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "waiting" -> Optional.of(WAITING);
      case "queued" -> Optional.of(QUEUED);
      case "in_progress" -> Optional.of(IN_PROGRESS);
      case "completed" -> Optional.of(COMPLETED);
      default -> Optional.empty();
    };
  }

  /** The wire name GitHub uses for this status. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
