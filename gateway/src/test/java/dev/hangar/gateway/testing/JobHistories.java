package dev.hangar.gateway.testing;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates the webhook events GitHub can send for one job, with the fields each action
 * carries (runner and start time from {@code in_progress} on, conclusion and end time on
 * {@code completed}; a job cancelled while queued completes without a runner), then shuffled
 * and with duplicates, as redelivery and SQS give them to the consumer.
 */
public final class JobHistories {
  private JobHistories() {}

  /** A job's history: its events in the order GitHub made them, and one delivery order. */
  public record History(List<JobEvent> inOrder, List<JobEvent> delivered) {}

  /** Histories of the job {@code jobId}. */
  public static Arbitrary<History> of(long jobId) {
    Arbitrary<List<JobStatus>> statuses =
        Arbitraries.of(JobStatus.values()).set().ofMinSize(1).map(s -> s.stream().sorted().toList());
    Arbitrary<List<String>> labels =
        Arbitraries.of("self-hosted", "linux", "x64", "arm64", "large").list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<Boolean> ranOnRunner = Arbitraries.of(true, false);
    Arbitrary<Long> t0 = Arbitraries.longs().between(1_700_000_000L, 1_800_000_000L);
    Arbitrary<Integer> attempt = Arbitraries.integers().between(1, 3);
    Arbitrary<List<JobEvent>> events =
        Combinators.combine(statuses, labels, ranOnRunner, t0, attempt)
            .as((st, lb, ran, t, at) -> events(jobId, st, lb, ran, Instant.ofEpochSecond(t), at));
    return events.flatMap(
        ordered -> {
          Arbitrary<List<Integer>> picks =
              Arbitraries.integers().between(0, ordered.size() - 1).list().ofMaxSize(6);
          return picks.flatMap(
              dup -> {
                List<JobEvent> all = new ArrayList<>(ordered);
                dup.forEach(i -> all.add(ordered.get(i)));
                return Arbitraries.shuffle(all).map(d -> new History(ordered, d));
              });
        });
  }

  private static List<JobEvent> events(
      long jobId, List<JobStatus> statuses, List<String> labels, boolean ran, Instant t0, int attempt) {
    boolean started = ran || statuses.contains(JobStatus.IN_PROGRESS);
    Instant startedAt = started ? t0.plusSeconds(20) : null;
    List<JobEvent> out = new ArrayList<>();
    for (JobStatus s : statuses) {
      boolean hasRunner = s == JobStatus.IN_PROGRESS || (s == JobStatus.COMPLETED && started);
      out.add(
          new JobEvent(
              jobId,
              jobId * 10,
              attempt,
              s,
              labels,
              "octo-org/hangar",
              "octo-org",
              "ci",
              "build",
              hasRunner ? "i-0abc" + jobId : null,
              s == JobStatus.COMPLETED ? (started ? "success" : "cancelled") : null,
              t0,
              hasRunner ? startedAt : null,
              s == JobStatus.COMPLETED ? t0.plusSeconds(300) : null));
    }
    return out;
  }
}
