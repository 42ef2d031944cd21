package dev.hangar.local.sim;

import dev.hangar.gateway.ledger.LedgerContract;
import dev.hangar.gateway.port.Ledger;

/** The simulator's ledger keeps the {@link Ledger} rules every ledger keeps. */
class SimLedgerTest extends LedgerContract {
  private final SimLedger ledger = new SimLedger();

  @Override
  protected Ledger ledger() {
    return ledger;
  }
}
