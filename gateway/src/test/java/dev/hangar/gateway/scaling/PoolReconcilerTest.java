package dev.hangar.gateway.scaling;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When passes run: debounce, periodic re-run, one pass per pool at a time, clean stop. */
class PoolReconcilerTest {
  static final Duration LONG = Duration.ofHours(1);
  Vertx vertx;
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final List<Promise<Void>> held = new CopyOnWriteArrayList<>();
  volatile boolean hold;
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();

  volatile io.vertx.core.Context passContext;

  final PoolPass recording =
      (pool, now) -> {
        passContext = Vertx.currentContext();
        runs.computeIfAbsent(pool.name(), p -> new AtomicInteger()).incrementAndGet();
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        Promise<Void> p = Promise.promise();
        Future<Void> f = p.future().onComplete(ar -> concurrent.decrementAndGet());
        if (hold) {
          held.add(p);
        } else {
          p.complete();
        }
        return f;
      };

  static Pool pool(String name) {
    return new Pool(name, List.of(name), 5, 0, List.of(new Tier(name + "-asg", TierKind.WARM)));
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  int runs(String pool) {
    AtomicInteger n = runs.get(pool);
    return n == null ? 0 : n.get();
  }

  PoolReconciler start(Duration debounce, Duration period, String... pools) throws Exception {
    PoolReconciler r =
        new PoolReconciler(
            vertx, java.util.Arrays.stream(pools).map(PoolReconcilerTest::pool).toList(), recording,
            debounce, period, Clock.systemUTC());
    r.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return r;
  }

  @Test
  void everyPoolIsReconciledOnStart() throws Exception {
    start(Duration.ofMillis(50), LONG, "a", "b");
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") == 1 && runs("b") == 1);
  }

  @Test
  void aBurstOfChangesMakesOnePass() throws Exception {
    PoolReconciler r = start(Duration.ofMillis(100), LONG, "a", "marker");
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") == 1 && runs("marker") == 1);
    // Sent from a task on the reconciler's own context, the whole burst is queued there before
    // the debounce timer it starts can fire, however slow the machine is.
    passContext.runOnContext(
        v -> {
          for (int i = 0; i < 500; i++) {
            r.poolChanged("a");
          }
          r.poolChanged("marker");
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("marker") == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") >= 2);
    assertEquals(2, runs("a"));
  }

  @Test
  void changesOfOnePoolDoNotReconcileAnother() throws Exception {
    PoolReconciler r = start(Duration.ofMillis(20), LONG, "a", "b");
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") == 1 && runs("b") == 1);
    r.poolChanged("a");
    r.poolChanged("unknown-pool");
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") == 2);
    r.poolChanged("b");
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("b") == 2);
    assertEquals(2, runs("a"));
  }

  @Test
  void theTimerReconcilesWithoutEvents() throws Exception {
    start(Duration.ofMillis(20), Duration.ofMillis(100), "a");
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") >= 3);
  }

  @Test
  void aChangeDuringAPassRunsOneMorePassAfterIt() throws Exception {
    hold = true;
    PoolReconciler r = start(Duration.ofMillis(10), LONG, "a");
    await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == 1);
    r.poolChanged("a");
    r.poolChanged("a");
    // Give the debounce timer every chance to fire while the first pass is still running.
    AtomicInteger ticks = new AtomicInteger();
    vertx.setPeriodic(10, t -> ticks.incrementAndGet());
    await().atMost(Duration.ofSeconds(30)).until(() -> ticks.get() >= 10);
    assertEquals(1, runs("a"));
    hold = false;
    held.get(0).complete();
    await().atMost(Duration.ofSeconds(30)).until(() -> runs("a") == 2);
    assertEquals(1, maxConcurrent.get());
  }

  @Test
  void aFailingPassDoesNotStopLaterOnes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    PoolReconciler r =
        new PoolReconciler(
            vertx, List.of(pool("a")),
            (pool, now) -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
              }
              return Future.failedFuture("still failing");
            },
            Duration.ofMillis(10), LONG, Clock.systemUTC());
    r.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 1);
    r.poolChanged("a");
    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 2);
    r.poolChanged("a");
    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 3);
  }

  @Test
  void stopWaitsForTheRunningPassAndEndsTheTimers() throws Exception {
    hold = true;
    PoolReconciler r = start(Duration.ofMillis(10), Duration.ofMillis(50), "a");
    await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == 1);
    Future<Void> stopped = r.stop();
    AtomicInteger ticks = new AtomicInteger();
    vertx.setPeriodic(10, t -> ticks.incrementAndGet());
    await().atMost(Duration.ofSeconds(30)).until(() -> ticks.get() >= 5);
    assertTrue(!stopped.isComplete());
    held.get(0).complete();
    stopped.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    r.poolChanged("a");
    await().atMost(Duration.ofSeconds(30)).until(() -> ticks.get() >= 20);
    assertEquals(1, runs("a"));
  }
}
