package dev.hangar.agent.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The one channel every watcher, hook and timer posts {@link Signal}s into; the decision loop takes them. */
public final class Inbox {
  private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();

  public void post(Signal signal) {
    queue.add(signal);
  }

  public Signal take() throws InterruptedException {
    return queue.take();
  }
}
