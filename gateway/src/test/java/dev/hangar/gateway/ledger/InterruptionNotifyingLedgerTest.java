package dev.hangar.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every listener hears of each successful interruption, in order; a failed mark tells nobody. */
class InterruptionNotifyingLedgerTest {
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");

  @Test
  void eachListenerHearsOfTheJobAsStoredAfterTheMark() {
    List<String> heard = new CopyOnWriteArrayList<>();
    InterruptionNotifyingLedger ledger = new InterruptionNotifyingLedger(new MemoryLedger(), List.of(
        job -> heard.add("first " + job.jobId() + "/" + job.interruptions()),
        job -> heard.add("second " + job.jobId() + "/" + job.interruptions())));
    JobEvent running = new JobEvent(7, 7, 1, JobStatus.IN_PROGRESS, List.of("linux"), "acme/api", "acme", null,
        null, "i-7", null, T0, T0, null);
    assertTrue(ledger.apply("linux", running).compose(j -> ledger.markInterrupted(7)).succeeded());
    assertEquals(List.of("first 7/1", "second 7/1"), heard);
    assertTrue(ledger.apply("linux", running).succeeded());
    assertEquals(2, heard.size(), "only markInterrupted notifies");
  }

  @Test
  void aFailedMarkTellsNobody() {
    List<Long> heard = new CopyOnWriteArrayList<>();
    InterruptionNotifyingLedger ledger =
        new InterruptionNotifyingLedger(new MemoryLedger(), List.of(job -> heard.add(job.jobId())));
    assertTrue(ledger.markInterrupted(42).failed());
    assertTrue(heard.isEmpty());
  }
}
