package dev.hangar.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the agent is told by {@code /etc/hangar/agent.properties} and {@code HANGAR_AGENT_*}
 * environment variables; see {@link AgentConfigLoader} for keys and defaults.
 */
public record AgentConfig(
    URI gatewayUrl,
    Duration gatewayTimeout,
    URI imdsUrl,
    Duration imdsTimeout,
    Duration imdsTokenTtl,
    Duration imdsTokenRefreshMargin,
    Path runnerDir,
    String runnerUser,
    String switchUserCommand,
    Optional<Path> warmupScript,
    Duration warmupTimeout,
    Path stateDir,
    Path hooksDir,
    String pool,
    Duration lifecyclePollInterval,
    Duration spotPollInterval,
    Duration heartbeatInterval,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    Duration registerDeadline,
    Duration retireDeadline,
    Duration spotStopLead,
    Duration runnerExitGrace,
    String shutdownCommand,
    Optional<Path> emfFile,
    Optional<Path> logFile) {

  /** Cross-field checks; returns this so the loader can chain it. */
  public AgentConfig validate() {
    long ttl = imdsTokenTtl.toSeconds();
    if (ttl < 1 || ttl > 21600) {
      throw new ConfigException("'imds.tokenTtl' must be between 1s and 6h (IMDSv2 limit), got " + imdsTokenTtl);
    }
    if (imdsTokenRefreshMargin.compareTo(imdsTokenTtl) >= 0) {
      throw new ConfigException("'imds.tokenRefreshMargin' must be shorter than 'imds.tokenTtl'");
    }
    if (retryInitialBackoff.compareTo(retryMaxBackoff) > 0) {
      throw new ConfigException("'retry.initialBackoff' must not exceed 'retry.maxBackoff'");
    }
    if (!switchUserCommand.contains("{user}")) {
      throw new ConfigException("'runner.switchUserCommand' must contain the placeholder {user}");
    }
    return this;
  }
}
