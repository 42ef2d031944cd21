package dev.hangar.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.testing.JobHistories;
import dev.hangar.gateway.testing.JobHistories.History;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MemoryLedgerTest extends LedgerContract {
  private final MemoryLedger ledger = new MemoryLedger();

  @Override
  protected Ledger ledger() {
    return ledger;
  }

  @Provide
  Arbitrary<History> histories() {
    return JobHistories.of(7);
  }

  @Property(tries = 500)
  void anyOrderAndDuplicationStoresTheSameJob(@ForAll("histories") History h) {
    MemoryLedger inOrder = new MemoryLedger();
    MemoryLedger shuffled = new MemoryLedger();
    h.inOrder().forEach(e -> await(inOrder.apply("linux", e)));
    h.delivered().forEach(e -> await(shuffled.apply("linux", e)));
    Job expected = await(inOrder.job(7));
    assertEquals(expected, await(shuffled.job(7)));
    assertEquals(
        await(inOrder.openJobs("linux")), await(shuffled.openJobs("linux")));
  }
}
