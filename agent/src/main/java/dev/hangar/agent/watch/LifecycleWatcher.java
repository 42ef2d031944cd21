package dev.hangar.agent.watch;

import dev.hangar.agent.core.Inbox;
import dev.hangar.agent.core.Signal;
import dev.hangar.agent.log.Log;
import java.time.Duration;

/** Follows {@code autoscaling/target-lifecycle-state}: posts the state at start and each change. */
public final class LifecycleWatcher implements Watcher {
  public static final String PATH = "/latest/meta-data/autoscaling/target-lifecycle-state";
  private final ImdsReader imds;
  private final Inbox inbox;
  private final Duration interval;
  private final Log log;
  private volatile String last = "";

  public LifecycleWatcher(ImdsReader imds, Inbox inbox, Duration interval, Log log) {
    this.imds = imds;
    this.inbox = inbox;
    this.interval = interval;
    this.log = log;
  }

  /** Reads the state the agent starts in (retrying until IMDS answers) and posts it. */
  public void first() throws InterruptedException {
    last = imds.required(PATH).trim();
    inbox.post(new Signal.Lifecycle(last));
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void poll() {
    imds.poll(PATH).map(String::trim).ifPresent(now -> {
      if (!now.equals(last)) {
        log.info("lifecycle state changed", "from", last, "to", now);
        last = now;
        inbox.post(new Signal.Lifecycle(now));
      }
    });
  }
}
