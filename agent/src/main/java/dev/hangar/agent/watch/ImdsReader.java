package dev.hangar.agent.watch;

import dev.hangar.agent.Retry;
import dev.hangar.agent.imds.ImdsClient;
import dev.hangar.agent.imds.ImdsUnavailableException;
import dev.hangar.agent.log.Log;
import java.util.Optional;

/**
 * IMDS reads for watchers and start-up: required paths are retried with the agent's backoff;
 * polls log the first failure and the recovery, not every failed poll.
 */
public final class ImdsReader {
  private final ImdsClient imds;
  private final Retry retry;
  private final Log log;
  private volatile boolean failing;

  public ImdsReader(ImdsClient imds, Retry retry, Log log) {
    this.imds = imds;
    this.retry = retry;
    this.log = log;
  }

  /** Reads a path that must exist, retrying with backoff while IMDS is slow, down or without it. */
  public String required(String path) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        Optional<String> value = imds.get(path);
        if (value.isPresent()) {
          recovered();
          return value.get();
        }
        log.warn("IMDS has no " + path + " yet; retrying");
      } catch (ImdsUnavailableException e) {
        failing = true;
        log.error("IMDS unavailable; retrying with backoff", "error", e.getMessage());
      }
      retry.pause(attempt);
    }
  }

  /** One read for a poller: the value, empty when absent (404) or when IMDS failed. */
  public Optional<String> poll(String path) {
    try {
      Optional<String> value = imds.get(path);
      recovered();
      return value;
    } catch (ImdsUnavailableException e) {
      if (!failing) {
        failing = true;
        log.error("IMDS unavailable; polling continues", "error", e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private void recovered() {
    if (failing) {
      failing = false;
      log.info("IMDS reachable again");
    }
  }
}
