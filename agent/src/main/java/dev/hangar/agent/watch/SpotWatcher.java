package dev.hangar.agent.watch;

import dev.hangar.agent.core.Inbox;
import dev.hangar.agent.core.Signal;
import dev.hangar.agent.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Watches {@code spot/instance-action} and {@code events/recommendations/rebalance}; posts a notice
 * on every poll that finds one (the decision core acts on the first it can act on: one that came
 * while registering counts once the runner runs), with the job the runner's diagnostics show
 * running (a busy runner whose hooks never arrived must not look idle).
 */
public final class SpotWatcher implements Watcher {
  public static final String SPOT_PATH = "/latest/meta-data/spot/instance-action";
  public static final String REBALANCE_PATH = "/latest/meta-data/events/recommendations/rebalance";
  private final ImdsReader imds;
  private final Inbox inbox;
  private final Duration interval;
  private final Supplier<Optional<String>> jobInDiagnostics;

  public SpotWatcher(ImdsReader imds, Inbox inbox, Duration interval, Supplier<Optional<String>> jobInDiagnostics) {
    this.imds = imds;
    this.inbox = inbox;
    this.interval = interval;
    this.jobInDiagnostics = jobInDiagnostics;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void poll() {
    imds.poll(SPOT_PATH).ifPresent(body -> {
      Map<String, Object> notice = parseQuiet(body);
      inbox.post(new Signal.SpotNotice(String.valueOf(notice.getOrDefault("action", "terminate")),
          String.valueOf(notice.getOrDefault("time", "")), jobInDiagnostics.get()));
    });
    imds.poll(REBALANCE_PATH).ifPresent(body ->
        inbox.post(new Signal.Rebalance(String.valueOf(parseQuiet(body).getOrDefault("noticeTime", "")),
            jobInDiagnostics.get())));
  }

  private static Map<String, Object> parseQuiet(String body) {
    try {
      return Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }
}
