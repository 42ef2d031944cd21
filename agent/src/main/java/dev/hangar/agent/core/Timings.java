package dev.hangar.agent.core;

import dev.hangar.agent.config.AgentConfig;
import java.time.Duration;

/** The durations the decision core reasons with (from the configuration). */
public record Timings(Duration registerDeadline, Duration retireDeadline, Duration spotStopLead,
    Duration runnerExitGrace) {

  public static Timings from(AgentConfig config) {
    return new Timings(config.registerDeadline(), config.retireDeadline(), config.spotStopLead(),
        config.runnerExitGrace());
  }
}
