package dev.hangar.gateway.ledger;

import dev.hangar.gateway.domain.Job;

/** Told about a job once a spot interruption has been counted on it in the ledger. */
@FunctionalInterface
public interface InterruptionListener {
  /** {@code job} is the job as stored after the interruption was counted. */
  void interrupted(Job job);
}
