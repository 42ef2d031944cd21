package dev.hangar.gateway;

import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.consumer.JobConsumer;
import dev.hangar.gateway.consumer.TracedMessages;
import dev.hangar.gateway.scaling.PoolPass;
import dev.hangar.gateway.scaling.PoolReconciler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Scaling on an event loop of its own: the job consumer feeds the ledger and tells the pool
 * reconciler which pool changed; the reconciler runs the scaling pass per pool.
 */
final class ScalingVerticle extends VerticleBase {
  private final HangarConfig config;
  private final Adapters adapters;
  private final PoolPass pass;
  private PoolReconciler reconciler;
  private JobConsumer consumer;

  ScalingVerticle(HangarConfig config, Adapters adapters, PoolPass pass) {
    this.config = config;
    this.adapters = adapters;
    this.pass = pass;
  }

  @Override
  public Future<?> start() {
    reconciler = new PoolReconciler(vertx, config.pools(), pass,
        config.poolLoop().debounce(), config.poolLoop().period(), adapters.scalingClock());
    consumer = new JobConsumer(vertx, adapters.queue(), adapters.ledger(), reconciler::poolChanged,
        new TracedMessages(adapters.tracing(), adapters.queueName()), JobConsumer.Options.from(config.poolLoop()),
        adapters.recorders().consumer());
    return reconciler.start().compose(v -> consumer.start());
  }

  /** The consumer stops taking jobs first, then the reconciler finishes its running passes. */
  @Override
  public Future<?> stop() {
    return consumer.stop().transform(ar -> reconciler.stop());
  }
}
