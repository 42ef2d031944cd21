package dev.hangar.gateway.config;

import dev.hangar.gateway.agentapi.AgentApiConfig;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.reconcile.ReconcileSettings;
import dev.hangar.gateway.scaling.ScalingLoopConfig;
import java.util.List;

/**
 * The whole gateway configuration, bound from YAML by {@link ConfigLoader}. Every section is
 * optional in the file and gets its defaults here; {@link ConfigValidator} checks the whole.
 *
 * <p>Teammates add their section as one more component (agentApi, scaling, reconcile): a
 * record in their package or here, defaulted in the compact constructor below. A section's own
 * constructor may throw {@code IllegalArgumentException("key: reason")}; the loader prefixes
 * the section path.
 */
public record HangarConfig(
    ServerConfig server,
    GitHubConfig github,
    AwsConfig aws,
    QueueConfig queue,
    LedgerConfig ledger,
    List<Pool> pools,
    ObservabilityConfig observability,
    ScalingLoopConfig scaling,
    ReconcileSettings reconcile,
    AgentApiConfig agentApi) {

  public HangarConfig {
    server = server == null ? ServerConfig.defaults() : server;
    github = github == null ? GitHubConfig.defaults() : github;
    aws = aws == null ? AwsConfig.defaults() : aws;
    queue = queue == null ? QueueConfig.defaults() : queue;
    ledger = ledger == null ? LedgerConfig.defaults() : ledger;
    pools = pools == null ? List.of() : List.copyOf(pools);
    observability = observability == null ? ObservabilityConfig.defaults() : observability;
    scaling = scaling == null ? ScalingLoopConfig.defaults() : scaling;
    reconcile = reconcile == null ? ReconcileSettings.defaults() : reconcile;
    agentApi = agentApi == null ? AgentApiConfig.defaults() : agentApi;
  }
}
