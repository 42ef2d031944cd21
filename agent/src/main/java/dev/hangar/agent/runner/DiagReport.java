package dev.hangar.agent.runner;

import java.util.Optional;

/**
 * What the runner's own {@code _diag/Runner_*.log} says: whether it connected, whether a job ran
 * and how the job ended (GitHub's result word: Succeeded, Failed, Canceled, …).
 */
public record DiagReport(boolean listening, Optional<String> jobName, Optional<String> result,
    Optional<String> error) {

  /** GitHub's conclusion for the job result ({@code success}, {@code failure}, {@code cancelled}). */
  public Optional<String> conclusion() {
    return result.map(r -> switch (r.toLowerCase(java.util.Locale.ROOT)) {
      case "succeeded" -> "success";
      case "failed" -> "failure";
      case "canceled", "cancelled" -> "cancelled";
      case "abandoned" -> "cancelled";
      default -> r.toLowerCase(java.util.Locale.ROOT);
    });
  }
}
