package dev.hangar.gateway.domain;

/**
 * What a pass knows about an instance's runner: whether GitHub shows it online, and whether GitHub
 * or the ledger has it running a job.
 */
public record RunnerView(boolean online, boolean busy) {
  /** No runner known (none registered yet, or a pass that does not ask GitHub). */
  public static final RunnerView NONE = new RunnerView(false, false);
}
