package dev.hangar.gateway.config;

import dev.hangar.gateway.domain.Pool;
import java.util.List;

/**
 * The whole gateway configuration, bound from YAML by {@link ConfigLoader}. Every section is
 * optional in the file and gets its defaults here; {@link ConfigValidator} checks the whole.
 *
 * <p>Every section is a record in this package, so configuration depends on nothing it
 * configures; the composition root hands each adapter and service its section. Pools are
 * {@code domain} records because the scaling policy reads them directly. A section defaults its
 * own fields in its compact constructor and may throw {@code IllegalArgumentException("key:
 * reason")}; the loader prefixes the section path. Durations arrive typed, read by {@link
 * DurationText}.
 */
public record HangarConfig(
    ServerConfig server,
    GitHubConfig github,
    AwsConfig aws,
    QueueConfig queue,
    LedgerConfig ledger,
    List<Pool> pools,
    ObservabilityConfig observability,
    PoolLoopConfig poolLoop,
    ReconcileConfig reconcile,
    AgentApiConfig agentApi) {

  public HangarConfig {
    server = server == null ? ServerConfig.defaults() : server;
    github = github == null ? GitHubConfig.defaults() : github;
    aws = aws == null ? AwsConfig.defaults() : aws;
    queue = queue == null ? QueueConfig.defaults() : queue;
    ledger = ledger == null ? LedgerConfig.defaults() : ledger;
    pools = pools == null ? List.of() : List.copyOf(pools);
    observability = observability == null ? ObservabilityConfig.defaults() : observability;
    poolLoop = poolLoop == null ? PoolLoopConfig.defaults() : poolLoop;
    reconcile = reconcile == null ? ReconcileConfig.defaults() : reconcile;
    agentApi = agentApi == null ? AgentApiConfig.defaults() : agentApi;
  }
}
