package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which jobs lost to spot interruptions may be re-run, and what the reconciler does next. */
class SpotRetryTest {
  private static final int MAX = 2;

  private static Job job(JobStatus status, String conclusion, String repository, int runAttempt,
      int interruptions, int retries) {
    return new Job(42, "linux", status, List.of("self-hosted"), repository, 7, runAttempt, "i-0a",
        conclusion, null, null, null, interruptions, retries);
  }

  private static Job interrupted(String conclusion) {
    return job(JobStatus.COMPLETED, conclusion, "o/r", 1, 1, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"failure", "cancelled"})
  void aFailedOrCancelledInterruptedJobIsClaimed(String conclusion) {
    assertEquals(SpotRetry.Decision.CLAIM, SpotRetry.decide(interrupted(conclusion), MAX, false));
  }

  @Test
  void aJobClaimedHereIsReRun() {
    Job claimed = job(JobStatus.COMPLETED, "failure", "o/r", 1, 1, 1);
    assertEquals(SpotRetry.Decision.RERUN, SpotRetry.decide(claimed, MAX, true));
  }

  @Test
  void aJobClaimedElsewhereIsForgotten() {
    Job claimed = job(JobStatus.COMPLETED, "failure", "o/r", 1, 1, 1);
    assertEquals(SpotRetry.Decision.FORGET, SpotRetry.decide(claimed, MAX, false));
  }

  @Test
  void anOpenJobIsWatchedUntilItCompletes() {
    assertEquals(SpotRetry.Decision.WAIT, SpotRetry.decide(job(JobStatus.IN_PROGRESS, null, "o/r", 1, 1, 0), MAX, false));
    assertEquals(SpotRetry.Decision.WAIT, SpotRetry.decide(job(JobStatus.QUEUED, null, "o/r", 1, 1, 0), MAX, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"success", "skipped", "timed_out", "neutral"})
  void otherConclusionsAreNeverReRun(String conclusion) {
    assertEquals(SpotRetry.Decision.FORGET, SpotRetry.decide(interrupted(conclusion), MAX, false));
  }

  @Test
  void aJobWithoutInterruptionOrRepositoryIsNeverReRun() {
    assertFalse(SpotRetry.eligible(job(JobStatus.COMPLETED, "failure", "o/r", 1, 0, 0), MAX, false));
    assertFalse(SpotRetry.eligible(job(JobStatus.COMPLETED, "failure", null, 1, 1, 0), MAX, false));
  }

  @Test
  void runAttemptsArePerRunAndCappedByMaxRetries() {
    assertTrue(SpotRetry.eligible(job(JobStatus.COMPLETED, "failure", "o/r", 0, 1, 0), MAX, false),
        "an unknown attempt counts as the first");
    assertTrue(SpotRetry.eligible(job(JobStatus.COMPLETED, "failure", "o/r", 2, 1, 0), MAX, false));
    assertFalse(SpotRetry.eligible(job(JobStatus.COMPLETED, "failure", "o/r", 3, 1, 0), MAX, false));
    assertFalse(SpotRetry.eligible(interrupted("failure"), 0, false), "maxRetries 0 re-runs nothing");
  }

  @Test
  void aRefusedReRunIsGivenUpAfterTheLimit() {
    assertFalse(SpotRetry.giveUp(SpotRetry.MAX_RERUN_ATTEMPTS - 1));
    assertTrue(SpotRetry.giveUp(SpotRetry.MAX_RERUN_ATTEMPTS));
  }
}
