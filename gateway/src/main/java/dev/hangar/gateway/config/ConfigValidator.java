package dev.hangar.gateway.config;

import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a bound {@link HangarConfig} as a whole; the first problem found is thrown. */
public final class ConfigValidator {
  /** Pool names become SQS message group ids and metric tags: keep them plain. */
  private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ConfigValidator() {}

  /**
   * Throws {@link ConfigException} for the first problem. {@code serving} also demands what a
   * real gateway needs (webhook secrets, at least one pool).
   */
  public static void validate(HangarConfig c, boolean serving) {
    server(c.server());
    github(c.github(), serving);
    aws(c.aws());
    queue(c.queue());
    ledger(c.ledger());
    pools(c.pools(), serving);
    observability(c.observability());
  }

  private static void server(ServerConfig s) {
    check(s.port() >= 0 && s.port() <= 65535, "server.port", "must be between 0 and 65535");
    check(!s.host().isBlank(), "server.host", "must not be blank");
    check(s.bodyLimitBytes() >= 1024 && s.bodyLimitBytes() <= ServerConfig.MAX_BODY_LIMIT,
        "server.bodyLimitBytes", "must be between 1024 and " + ServerConfig.MAX_BODY_LIMIT);
    check(s.shutdownGraceSeconds() >= 0, "server.shutdownGraceSeconds", "must be >= 0");
    check(s.idleTimeoutSeconds() >= 1 && s.idleTimeoutSeconds() <= ServerConfig.MAX_IDLE_TIMEOUT,
        "server.idleTimeoutSeconds", "must be between 1 and " + ServerConfig.MAX_IDLE_TIMEOUT);
    check(s.requestTimeoutSeconds() >= 1 && s.requestTimeoutSeconds() <= ServerConfig.MAX_REQUEST_TIMEOUT,
        "server.requestTimeoutSeconds", "must be between 1 and " + ServerConfig.MAX_REQUEST_TIMEOUT);
  }

  private static void github(GitHubConfig g, boolean serving) {
    List<String> secrets = g.webhookSecrets();
    for (int i = 0; i < secrets.size(); i++) {
      String s = secrets.get(i);
      check(s != null && !s.isBlank(), "github.webhookSecrets[" + i + "]", "must not be blank");
    }
    if (serving) {
      check(!secrets.isEmpty(), "github.webhookSecrets", "at least one secret is required");
    }
    url(g.apiUrl(), "github.apiUrl");
    if (g.privateKeyFile() != null && g.privateKeySecretId() != null) {
      throw new ConfigException("github.privateKeyFile", "set either privateKeyFile or privateKeySecretId, not both");
    }
    if (g.appId() != null) {
      check(g.appId() > 0, "github.appId", "must be > 0");
    }
    if (g.owner() != null) {
      check(g.owner().matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?"), "github.owner",
          "must be an organization or owner/repo");
    }
  }

  private static void aws(AwsConfig a) {
    check(a.region().matches("[a-z]{2}(-[a-z]+)+-\\d+|local"), "aws.region", "not an AWS region name");
    if (a.endpoint() != null) {
      url(a.endpoint(), "aws.endpoint");
    }
  }

  private static void queue(QueueConfig q) {
    if (q.embedded()) {
      check(q.url() == null, "queue.url", "set either url or embedded, not both");
      check(q.endpoint() == null, "queue.endpoint", "not used with an embedded queue");
    } else {
      check(q.url() != null && !q.url().isBlank(), "queue.url", "required unless queue.embedded is true");
      url(q.url(), "queue.url");
      check(q.url().endsWith(".fifo"), "queue.url", "must name a FIFO queue (ending in .fifo)");
      if (q.endpoint() != null) {
        url(q.endpoint(), "queue.endpoint");
      }
    }
    check(q.sendTimeoutMillis() >= 1, "queue.sendTimeoutMillis", "must be >= 1");
    check(q.batchLingerMillis() >= 0 && q.batchLingerMillis() <= 100, "queue.batchLingerMillis",
        "must be between 0 and 100");
  }

  private static void ledger(LedgerConfig l) {
    if (l.type() == LedgerConfig.Type.DYNAMODB) {
      check(l.table() != null && !l.table().isBlank(), "ledger.table", "required when ledger.type is dynamodb");
    }
  }

  private static void pools(List<Pool> pools, boolean serving) {
    if (serving) {
      check(!pools.isEmpty(), "pools", "at least one pool is required");
    }
    Map<String, String> poolNames = new HashMap<>();
    Map<String, String> asgNames = new HashMap<>();
    for (int i = 0; i < pools.size(); i++) {
      Pool p = pools.get(i);
      String path = "pools[" + i + "]";
      check(POOL_NAME.matcher(p.name()).matches(), path + ".name", "use 1-64 letters, digits, '.', '_' or '-'");
      String earlier = poolNames.putIfAbsent(p.name().toLowerCase(Locale.ROOT), path);
      check(earlier == null, path + ".name", "duplicate pool name (also " + earlier + ")");
      check(!p.labels().isEmpty(), path + ".labels", "at least one label is required");
      for (int j = 0; j < p.labels().size(); j++) {
        String label = p.labels().get(j);
        check(label != null && !label.isBlank(), path + ".labels[" + j + "]", "must not be blank");
      }
      check(p.maxRunners() >= 1, path + ".maxRunners", "must be >= 1");
      check(p.minIdle() >= 0, path + ".minIdle", "must be >= 0");
      check(p.minIdle() <= p.maxRunners(), path + ".minIdle", "must be <= maxRunners");
      check(!p.tiers().isEmpty(), path + ".tiers", "at least one tier is required");
      for (int j = 0; j < p.tiers().size(); j++) {
        Tier t = p.tiers().get(j);
        String tierPath = path + ".tiers[" + j + "].asg";
        check(!t.asg().isBlank(), tierPath, "must not be blank");
        String other = asgNames.putIfAbsent(t.asg(), tierPath);
        check(other == null, tierPath, "Auto Scaling group already used by " + other);
      }
    }
  }

  private static void observability(ObservabilityConfig o) {
    ObservabilityConfig.CloudWatch cw = o.metrics().cloudwatch();
    if (cw.enabled()) {
      check(!cw.namespace().isBlank(), "observability.metrics.cloudwatch.namespace", "must not be blank");
    }
    check(cw.stepSeconds() >= 1, "observability.metrics.cloudwatch.stepSeconds", "must be >= 1");
    ObservabilityConfig.Tracing t = o.tracing();
    if (t.exporter() == ObservabilityConfig.Tracing.Exporter.OTLP) {
      check(t.endpoint() != null, "observability.tracing.endpoint", "required when exporter is otlp");
      url(t.endpoint(), "observability.tracing.endpoint");
    }
  }

  private static void url(String value, String path) {
    try {
      URI u = new URI(value);
      check(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null,
          path, "must be an http(s) URL");
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(path, "must be an http(s) URL");
    }
  }

  private static void check(boolean ok, String path, String reason) {
    if (!ok) {
      throw new ConfigException(path, reason);
    }
  }
}
