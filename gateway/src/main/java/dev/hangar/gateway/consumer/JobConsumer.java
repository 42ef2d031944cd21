package dev.hangar.gateway.consumer;

import dev.hangar.gateway.observability.ConsumerMetrics;
import dev.hangar.gateway.observability.LogContext;
import dev.hangar.gateway.config.PoolLoopConfig;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves job events from the queue into the ledger. Each poller long-polls the queue, applies
 * every received event to the ledger and deletes a message only after the ledger accepted its
 * event; a message whose event the ledger refused stays in the queue and comes back after the
 * visibility timeout (SQS's redrive policy moves it to the dead-letter queue after
 * {@code maxReceiveCount} attempts, so a poison message cannot block the pool). Then it tells
 * the reconciler which pools changed. The ledger's fold is order-independent, so the events of
 * one batch are applied concurrently. Everything runs on one Vert.x context; nothing blocks.
 */
public final class JobConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(JobConsumer.class);

  /**
   * How the consumer polls.
   *
   * @param pollers concurrent long-poll loops
   * @param batch messages per receive (SQS allows 1..10)
   * @param longPoll long-poll wait (SQS allows up to 20 s); stop() may take this long
   * @param minBackoff first pause after the queue failed, doubled up to {@code maxBackoff}
   * @param maxBackoff longest pause between failed receives
   */
  public record Options(
      int pollers, int batch, Duration longPoll, Duration minBackoff, Duration maxBackoff) {
    /** The configuration defaults: two pollers, batches of 10, 10 s long polls. */
    public static Options defaults() {
      return from(PoolLoopConfig.defaults());
    }

    /** Pollers and long-poll wait as configured, batches of 10, back-off 200 ms to 10 s. */
    public static Options from(PoolLoopConfig c) {
      return new Options(
          c.pollers(), 10, Duration.ofSeconds(c.receiveWaitSeconds()), Duration.ofMillis(200), Duration.ofSeconds(10));
    }
  }

  private final Vertx vertx;
  private final JobQueue queue;
  private final Ledger ledger;
  private final Consumer<String> poolChanged;
  private final MessageTracer tracer;
  private final Options options;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final ConsumerMetrics metrics;
  private Context context;
  private volatile boolean running;
  private final List<Promise<Void>> exited = new ArrayList<>();
  /** Back-off timers of pollers waiting after a failed receive, so stop() can end them. */
  private final java.util.Map<Long, Promise<Void>> backingOff = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A consumer of {@code queue} into {@code ledger}; {@code poolChanged} is called (on the
   * consumer's context) with the pool of every event the ledger accepted.
   */
  public JobConsumer(
      Vertx vertx,
      JobQueue queue,
      Ledger ledger,
      Consumer<String> poolChanged,
      MessageTracer tracer,
      Options options) {
    this(vertx, queue, ledger, poolChanged, tracer, options, ConsumerMetrics.NOOP);
  }

  /** As above, recording stored and refused events. */
  public JobConsumer(
      Vertx vertx,
      JobQueue queue,
      Ledger ledger,
      Consumer<String> poolChanged,
      MessageTracer tracer,
      Options options,
      ConsumerMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.queue = queue;
    this.ledger = ledger;
    this.poolChanged = poolChanged;
    this.tracer = tracer == null ? MessageTracer.none() : tracer;
    this.options = options;
  }

  /** Starts the pollers on a context of their own. */
  public synchronized Future<Void> start() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    context = vertx.getOrCreateContext();
    exited.clear();
    for (int i = 0; i < options.pollers(); i++) {
      Promise<Void> done = Promise.promise();
      exited.add(done);
      context.runOnContext(v -> poll(options.minBackoff(), done));
    }
    return Future.succeededFuture();
  }

  /**
   * Stops polling. Completes once every poller has finished the batch it holds (a pending long
   * poll is waited for and its messages handled, so none is left invisible until its timeout).
   */
  public synchronized Future<Void> stop() {
    running = false;
    if (context != null) {
      context.runOnContext(
          v ->
              backingOff.forEach(
                  (timer, done) -> {
                    if (vertx.cancelTimer(timer)) {
                      backingOff.remove(timer);
                      done.tryComplete();
                    }
                  }));
    }
    List<Future<Void>> all = exited.stream().map(Promise::future).toList();
    return Future.join(all).mapEmpty();
  }

  /** Events the ledger accepted since start (for tests and logs). */
  public long applied() {
    return applied.get();
  }

  /** Events the ledger refused; their messages stay queued for redelivery. */
  public long refused() {
    return refused.get();
  }

  private void poll(Duration backoff, Promise<Void> done) {
    if (!running) {
      done.tryComplete();
      return;
    }
    queue
        .receive(options.batch(), options.longPoll())
        .compose(this::handleBatch)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                poll(options.minBackoff(), done);
                return;
              }
              LOG.warn("queue receive failed, retrying in {} ms: {}", backoff.toMillis(), ar.cause().toString());
              if (!running) {
                done.tryComplete();
                return;
              }
              Duration next = backoff.multipliedBy(2);
              Duration capped = next.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : next;
              long[] id = new long[1];
              id[0] =
                  vertx.setTimer(
                      backoff.toMillis(),
                      t -> {
                        backingOff.remove(id[0]);
                        poll(capped, done);
                      });
              backingOff.put(id[0], done);
            });
  }

  private Future<Void> handleBatch(List<QueueMessage> messages) {
    List<Future<String>> handled = new ArrayList<>(messages.size());
    for (QueueMessage m : messages) {
      handled.add(handle(m));
    }
    return Future.join(handled)
        .otherwiseEmpty()
        .map(
            v -> {
              // One notification per pool per batch: the reconciler debounces the rest.
              handled.stream()
                  .filter(Future::succeeded)
                  .map(Future::result)
                  .distinct()
                  .forEach(poolChanged);
              return null;
            });
  }

  /**
   * Applies one message; succeeds with its pool once the ledger accepted the event (the pool
   * changed even if deleting the message then fails: it comes back and is applied again, which
   * changes nothing).
   */
  private Future<String> handle(QueueMessage m) {
    QueuedJobEvent e = m.event();
    return tracer
        .traced(e, () -> ledger.apply(e.pool(), e.event()))
        .onFailure(err -> logRefused(m, err))
        .compose(
            job -> {
              applied.incrementAndGet();
              metrics.stored();
              return queue
                  .delete(m.receiptHandle())
                  .onFailure(err -> LOG.warn("stored event's message not deleted, it will come back: {}", err.toString()))
                  .otherwiseEmpty()
                  .map(e.pool());
            });
  }

  private void logRefused(QueueMessage m, Throwable err) {
    refused.incrementAndGet();
    metrics.refused();
    QueuedJobEvent e = m.event();
    try (LogContext ignored = LogContext.open()
        .with(LogContext.DELIVERY_ID, e.deliveryId())
        .with(LogContext.JOB_ID, e.event().jobId())
        .with(LogContext.POOL, e.pool())) {
      LOG.warn(
          "event not stored, left in the queue for redelivery (receive {}): {}",
          m.receiveCount(),
          err.toString());
    }
  }
}
