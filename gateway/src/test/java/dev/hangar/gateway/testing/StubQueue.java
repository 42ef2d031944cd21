package dev.hangar.gateway.testing;

import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** A job queue for the webhook side only: sends answer as given, nothing is ever received. */
public record StubQueue(Function<QueuedJobEvent, Future<Void>> sends) implements JobQueue {
  @Override
  public Future<Void> send(QueuedJobEvent event) {
    return sends.apply(event);
  }

  @Override
  public Future<List<QueueMessage>> receive(int max, Duration wait) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Void> delete(String receiptHandle) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }
}
