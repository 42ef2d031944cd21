package dev.hangar.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Open-loop load at a fixed rate for a bounded count: request {@code i} is due at {@code start +
 * i / rate} whatever happened to earlier ones, and its latency counts from that due time, so a
 * stalled server cannot hide its queueing delay. The first {@code warmup} seconds are sent but
 * not measured; {@code onWindow} runs when the measured window opens and when it closes (for
 * CPU snapshots).
 */
final class OpenLoop {
  /** What one run measured: requests in the window, the accepted ones, latencies, the window. */
  record Result(int offered, int measured, int measuredAccepted, int failed, long[] sortedLatencies, double windowSeconds,
      boolean finished) {
    double sustained() {
      return measuredAccepted / windowSeconds;
    }

    double ms(double q) {
      if (sortedLatencies.length == 0) {
        return 0;
      }
      return sortedLatencies[Math.min(sortedLatencies.length - 1, (int) Math.ceil(q * sortedLatencies.length) - 1)] / 1e6;
    }
  }

  private static final int MAX_PER_TICK = 256;

  private OpenLoop() {}

  /**
   * @param send sends request {@code i}; its future says whether it was accepted
   */
  static Result run(Vertx vertx, int rate, int warmup, int seconds, IntFunction<Future<Boolean>> send, Runnable onWindow)
      throws InterruptedException {
    int total = rate * (warmup + seconds);
    int warmupEnds = warmup * rate;
    long[] latencies = new long[total];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger measuredAccepted = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    long[] window = new long[2];
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    vertx.setPeriodic(1, id -> {
      long due = Math.min(total, Math.max(0, System.nanoTime() - start) * rate / 1_000_000_000L);
      // A generator that fell behind catches up over several ticks, letting answers in between;
      // the late requests still count their latency from when they were due.
      due = Math.min(due, next.get() + MAX_PER_TICK);
      while (next.get() < due) {
        int i = next.getAndIncrement();
        long scheduled = start + i * 1_000_000_000L / rate;
        if (i == warmupEnds) {
          window[0] = scheduled;
          onWindow.run();
        }
        send.apply(i).onComplete(ar -> {
          long end = System.nanoTime();
          latencies[i] = end - scheduled;
          if (ar.failed() || !ar.result()) {
            failed.incrementAndGet();
          } else if (i >= warmupEnds) {
            measuredAccepted.incrementAndGet();
          }
          if (done.incrementAndGet() == total) {
            window[1] = end;
            onWindow.run();
            finished.countDown();
          }
        });
      }
      if (next.get() >= total) {
        vertx.cancelTimer(id);
      }
    });
    boolean complete = finished.await(warmup + seconds + 60L, TimeUnit.SECONDS);
    if (!complete) {
      window[1] = System.nanoTime();
      onWindow.run();
    }
    int answered = Math.max(warmupEnds, Math.min(total, done.get()));
    long[] measured = Arrays.copyOfRange(latencies, warmupEnds, answered);
    Arrays.sort(measured);
    return new Result(total, total - warmupEnds, measuredAccepted.get(), failed.get(), measured,
        (window[1] - window[0]) / 1e9, complete);
  }
}
