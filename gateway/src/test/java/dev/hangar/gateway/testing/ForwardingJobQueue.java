package dev.hangar.gateway.testing;

import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** A test {@link JobQueue} that passes every call to a real one; tests override the calls they bend. */
public abstract class ForwardingJobQueue implements JobQueue {
  protected final JobQueue real;

  protected ForwardingJobQueue(JobQueue real) {
    this.real = real;
  }

  @Override
  public Future<Void> send(QueuedJobEvent event) {
    return real.send(event);
  }

  @Override
  public Future<List<QueueMessage>> receive(int max, Duration wait) {
    return real.receive(max, wait);
  }

  @Override
  public Future<Void> delete(String receiptHandle) {
    return real.delete(receiptHandle);
  }

  @Override
  public Future<Void> ping() {
    return real.ping();
  }
}
