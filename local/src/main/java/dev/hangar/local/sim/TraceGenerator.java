package dev.hangar.local.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates synthetic job traces: a working-day {@code diurnal} org, a {@code bursty} monorepo
 * (hundreds of matrix jobs at once) and a {@code nightly}-only repository.
 */
public final class TraceGenerator {
  /** Relative job arrivals per hour of a working day, local time. */
  private static final double[] WORKDAY = {
    0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.45, 0.8, 1.0, 0.95,
    0.6, 0.8, 0.95, 0.9, 0.8, 0.55, 0.3, 0.15, 0.1, 0.06, 0.04, 0.03
  };
  private static final List<String> LABELS = List.of("self-hosted", "linux", "x64");

  private final Random random;
  private final ZoneId zone;
  private final LocalDate startDay;

  /** A generator with a seed, a time zone and the first day of the trace. */
  public TraceGenerator(long seed, ZoneId zone, LocalDate startDay) {
    this.random = new Random(seed);
    this.zone = zone;
    this.startDay = startDay;
  }

  /** Generates {@code jobs} jobs of the given kind over {@code days} days. */
  public List<TraceJob> generate(String kind, int days, int jobs) {
    List<TraceJob> out =
        switch (kind) {
          case "diurnal" -> diurnal(days, jobs, 1.0);
          case "bursty" -> bursty(days, jobs);
          case "nightly" -> nightly(days, jobs);
          default -> throw new IllegalArgumentException(
              "unknown trace kind " + kind + " (diurnal, bursty, nightly)");
        };
    out.sort(Comparator.comparing(TraceJob::queuedAt));
    return out.size() > jobs ? new ArrayList<>(out.subList(0, jobs)) : out;
  }

  private List<TraceJob> diurnal(int days, int jobs, double share) {
    List<TraceJob> out = new ArrayList<>();
    double[] dayWeight = new double[days];
    double total = 0;
    for (int d = 0; d < days; d++) {
      DayOfWeek dow = startDay.plusDays(d).getDayOfWeek();
      dayWeight[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.05 : 1.0;
      total += dayWeight[d];
    }
    int target = (int) Math.round(jobs * share);
    while (out.size() < target) {
      int d = pick(dayWeight, total);
      int hour = pick(WORKDAY, sum(WORKDAY));
      Instant runStart = at(d, hour * 3600 + random.nextDouble() * 3600);
      // A workflow run queues a few jobs at (almost) the same moment.
      int runSize = 1 + geometric(0.45);
      String repo = repo();
      for (int j = 0; j < runSize && out.size() < target; j++) {
        Instant q = runStart.plusMillis((long) (random.nextDouble() * 3000));
        out.add(new TraceJob(q, LABELS, duration(240, 0.8, 20, 3600), repo));
      }
    }
    return out;
  }

  private List<TraceJob> bursty(int days, int jobs) {
    List<TraceJob> out = diurnal(days, jobs, 0.3);
    int burstJobs = jobs - out.size();
    double[] dayWeight = new double[days];
    double total = 0;
    for (int d = 0; d < days; d++) {
      DayOfWeek dow = startDay.plusDays(d).getDayOfWeek();
      dayWeight[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.0 : 1.0;
      total += dayWeight[d];
    }
    if (total == 0) {
      java.util.Arrays.fill(dayWeight, 1.0);
      total = days;
    }
    int added = 0;
    while (added < burstJobs) {
      int d = pick(dayWeight, total);
      int hour = 9 + random.nextInt(9);
      Instant start = at(d, hour * 3600 + random.nextDouble() * 3600);
      int size = Math.min(burstJobs - added, 100 + random.nextInt(301));
      for (int j = 0; j < size; j++) {
        Instant q = start.plusMillis((long) (random.nextDouble() * 30_000));
        out.add(new TraceJob(q, LABELS, duration(420, 0.6, 30, 3600), "acme/monorepo"));
      }
      added += size;
    }
    return out;
  }

  private List<TraceJob> nightly(int days, int jobs) {
    List<TraceJob> out = new ArrayList<>();
    int perNight = Math.max(1, jobs / Math.max(1, days));
    for (int d = 0; d < days && out.size() < jobs; d++) {
      Instant start = at(d, 2 * 3600);
      for (int j = 0; j < perNight && out.size() < jobs; j++) {
        Instant q = start.plusMillis((long) (random.nextDouble() * 60_000));
        out.add(new TraceJob(q, LABELS, duration(1500, 0.4, 300, 5400), "acme/nightly"));
      }
    }
    return out;
  }

  private Instant at(int day, double secondOfDay) {
    ZonedDateTime midnight = startDay.plusDays(day).atStartOfDay(zone);
    return midnight.toInstant().plusMillis((long) (secondOfDay * 1000));
  }

  private double duration(double median, double sigma, double min, double max) {
    double v = median * Math.exp(sigma * random.nextGaussian());
    return Math.round(Math.max(min, Math.min(max, v)));
  }

  private String repo() {
    // A few busy repositories and a long tail.
    int k = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 40);
    return "acme/service-" + k;
  }

  private int geometric(double p) {
    int n = 0;
    while (random.nextDouble() > p && n < 12) {
      n++;
    }
    return n;
  }

  private int pick(double[] weights, double total) {
    double r = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
