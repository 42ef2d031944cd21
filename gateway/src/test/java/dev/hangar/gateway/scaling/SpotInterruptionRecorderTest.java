package dev.hangar.gateway.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.SpotBreaker;
import dev.hangar.gateway.domain.SpotBreakerConfig;
import dev.hangar.gateway.ledger.InterruptionNotifyingLedger;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.port.Ledger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interruptions marked on jobs reach the spot breaker of the job's pool. */
class SpotInterruptionRecorderTest {
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");

  /** The agent API's ledger as the gateway wires it, with only the breaker's recorder listening. */
  private static Ledger recording(SpotInterruptions notices) {
    return new InterruptionNotifyingLedger(
        new MemoryLedger(), List.of(notices.recorder(Clock.fixed(T0, ZoneOffset.UTC))));
  }

  @Test
  void threeInterruptedJobsOpenTheirPoolsBreaker() {
    SpotInterruptions notices = new SpotInterruptions();
    Ledger ledger = recording(notices);
    for (long id = 1; id <= 3; id++) {
      JobEvent running =
          new JobEvent(id, id, 1, JobStatus.IN_PROGRESS, List.of("linux"), "acme/api", "acme", null, null,
              "i-" + id, null, T0, T0, null);
      assertTrue(ledger.apply("linux", running).compose(j -> ledger.markInterrupted(j.jobId())).succeeded());
    }
    assertEquals(3, notices.since("linux", T0.minusSeconds(1)).size());
    assertEquals(0, notices.since("gpu", T0.minusSeconds(1)).size());
    assertTrue(SpotBreaker.isOpen(notices.since("linux", T0.minusSeconds(600)), T0, SpotBreakerConfig.defaults()));
  }

  @Test
  void anUnknownJobRecordsNothing() {
    SpotInterruptions notices = new SpotInterruptions();
    Ledger ledger = recording(notices);
    assertTrue(ledger.markInterrupted(42).failed());
    assertEquals(0, notices.since("linux", T0.minusSeconds(1)).size());
  }
}
