package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.JobHistories;
import dev.hangar.gateway.testing.JobHistories.History;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JobTransitionsPropertiesTest {
  static Job fold(String pool, List<JobEvent> events) {
    Job job = null;
    for (JobEvent e : events) {
      job = job == null ? JobTransitions.start(pool, e) : JobTransitions.apply(job, e);
    }
    return job;
  }

  @Provide
  Arbitrary<History> histories() {
    return JobHistories.of(4242);
  }

  @Property(tries = 2000)
  void anyOrderAndAnyDuplicationGiveTheSameJob(@ForAll("histories") History h) {
    assertEquals(fold("linux", h.inOrder()), fold("linux", h.delivered()));
  }

  @Property(tries = 500)
  void statusIsTheFurthestStatusSeen(@ForAll("histories") History h) {
    JobStatus furthest =
        h.delivered().stream().map(JobEvent::status).max(Comparator.naturalOrder()).orElseThrow();
    assertEquals(furthest, fold("linux", h.delivered()).status());
  }

  @Property(tries = 500)
  void reapplyingAnyDeliveredEventChangesNothing(@ForAll("histories") History h) {
    Job job = fold("linux", h.delivered());
    for (JobEvent e : h.delivered()) {
      assertTrue(JobTransitions.isNoOp(job, e), () -> "event " + e.status() + " changed " + job);
    }
  }

  @Property(tries = 500)
  void aCompletedJobKeepsRunnerAndConclusion(@ForAll("histories") History h) {
    Job job = fold("linux", h.delivered());
    if (job.status() == JobStatus.COMPLETED) {
      assertTrue(job.conclusion() != null && job.completedAt() != null);
    }
    assertEquals("linux", job.pool());
  }
}
