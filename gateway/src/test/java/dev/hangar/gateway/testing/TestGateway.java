package dev.hangar.gateway.testing;

import dev.hangar.gateway.Adapters;
import dev.hangar.gateway.GatewayApp;
import dev.hangar.gateway.aws.AwsClientFactory;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/** A gateway started for a test, with the adapters it runs on at hand (emulator credentials). */
public record TestGateway(GatewayApp app, Adapters adapters) {

  /** Starts the gateway on adapters built from {@code config}. */
  public static Future<TestGateway> start(Vertx vertx, HangarConfig config) {
    return start(vertx, config, builder -> {});
  }

  /** As above with replacements (tracing, ...) set on the builder. */
  public static Future<TestGateway> start(Vertx vertx, HangarConfig config, Consumer<Adapters.Builder> replace) {
    return vertx.executeBlocking(() -> {
          Adapters.Builder builder = Adapters.builder(vertx, config).credentials(AwsClientFactory.dummyCredentials());
          replace.accept(builder);
          return builder.build();
        }, false)
        .compose(adapters -> GatewayApp.start(vertx, config, adapters).map(app -> new TestGateway(app, adapters)));
  }

  /** The port the gateway listens on. */
  public int port() {
    return app.port();
  }

  /** Stops the gateway and closes its adapters. */
  public Future<Void> stop() {
    return app.stop();
  }

  /** The job queue. */
  public JobQueue queue() {
    return adapters.queue();
  }

  /** The job ledger. */
  public Ledger ledger() {
    return adapters.ledger();
  }

  /** The fleet. */
  public Fleet fleet() {
    return adapters.fleet();
  }

  /** The registry every meter of the gateway is on. */
  public MeterRegistry registry() {
    return adapters.registries().registry();
  }

  /** The recorders the gateway's parts were handed. */
  public MicrometerRecorders recorders() {
    return adapters.recorders();
  }
}
