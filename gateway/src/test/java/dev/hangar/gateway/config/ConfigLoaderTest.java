package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.TierKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** YAML loading: binding, defaults, env substitution, and one-line errors naming the key. */
class ConfigLoaderTest {
  private static final String SECRET = "s3cr3t-do-not-print-42";

  private static final String GOOD = """
      server: {port: 9090}
      github:
        webhookSecrets: ["${WEBHOOK_SECRET}", "second-${SUFFIX:-default}"]
        owner: acme
      aws: {region: eu-west-1, endpoint: "http://127.0.0.1:5000"}
      queue: {url: "https://sqs.eu-west-1.amazonaws.com/123456789012/hangar-jobs.fifo"}
      ledger: {type: dynamodb, table: hangar-ledger}
      pools:
        - name: linux
          labels: [self-hosted, Linux]
          maxRunners: 5
          minIdle: 1
          tiers:
            - {asg: linux-warm, kind: warm}
            - {asg: linux-spot, kind: SPOT}
      observability:
        metrics: {cloudwatch: {enabled: true, namespace: Hangar/Test}}
        tracing: {exporter: otlp, endpoint: "http://127.0.0.1:4318/v1/traces"}
      """;

  private static HangarConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of("WEBHOOK_SECRET", SECRET), true);
  }

  private static String error(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), "secret echoed: " + e.getMessage());
    assertNull(e.getCause(), "no cause that could carry the value");
    return e.getMessage();
  }

  /** GOOD with one line replaced. */
  private static String goodWith(String from, String to) {
    assertTrue(GOOD.contains(from), from);
    return GOOD.replace(from, to);
  }

  @Test
  void bindsEverySectionAndSubstitutesEnvironment() {
    HangarConfig c = parse(GOOD);
    assertEquals(9090, c.server().port());
    assertEquals(1024 * 1024, c.server().bodyLimitBytes());
    assertEquals(List.of(SECRET, "second-default"), c.github().webhookSecrets());
    assertEquals("https://api.github.com", c.github().apiUrl());
    assertEquals("eu-west-1", c.aws().region());
    assertEquals(LedgerConfig.Type.DYNAMODB, c.ledger().type());
    assertEquals(2000, c.queue().sendTimeoutMillis());
    assertEquals(TierKind.SPOT, c.pools().get(0).tiers().get(1).kind());
    assertEquals(1, c.pools().get(0).minIdle());
    assertTrue(c.observability().metrics().cloudwatch().enabled());
    assertEquals(60, c.observability().metrics().cloudwatch().stepSeconds());
    assertEquals(ObservabilityConfig.Tracing.Exporter.OTLP, c.observability().tracing().exporter());
  }

  @Test
  void secretsNeverAppearInToString() {
    HangarConfig c = parse(GOOD);
    assertFalse(c.toString().contains(SECRET));
    assertFalse(c.github().toString().contains("second-default"));
  }

  @Test
  void defaultsAllowAMinimalEmbeddedConfig() {
    HangarConfig c = ConfigLoader.parse("queue: {embedded: true}\n", Map.of(), false);
    assertEquals(8080, c.server().port());
    assertEquals(LedgerConfig.Type.MEMORY, c.ledger().type());
    assertTrue(c.pools().isEmpty());
  }

  @Test
  void envSubstitutionDefaultsEscapesAndComments() {
    String yaml = """
        # ${NOT_SET_BUT_COMMENTED}
        server: {host: "${HOST:-127.0.0.1}", port: ${PORT}}
        github: {runnerGroup: "$${literal}"}
        queue: {embedded: true}
        """;
    HangarConfig c = ConfigLoader.parse(yaml, Map.of("PORT", "7000"), false);
    assertEquals("127.0.0.1", c.server().host());
    assertEquals(7000, c.server().port());
    assertEquals("${literal}", c.github().runnerGroup());
  }

  @Test
  void unsetVariableNamesTheVariableAndLine() {
    assertEquals("config: environment variable WEBHOOK_SECRET is not set (line 3)",
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(GOOD, Map.of(), true)).getMessage());
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "server: {port: 9090}|server: {prot: 9090}|config: server.prot: unknown key (known: bodyLimitBytes, host, idleTimeoutSeconds, port, requestTimeoutSeconds, shutdownGraceSeconds)",
      "server: {port: 9090}|server: {port: abc}|config: server.port: expected a whole number",
      "server: {port: 9090}|server: {port: 70000}|config: server.port: must be between 0 and 65535",
      "server: {port: 9090}|server: {bodyLimitBytes: 10}|config: server.bodyLimitBytes: must be between 1024 and 26214400",
      "maxRunners: 5|maxRunners: 0|config: pools[0].maxRunners: must be >= 1",
      "minIdle: 1|minIdle: 6|config: pools[0].minIdle: must be <= maxRunners",
      "minIdle: 1|minIdle: -1|config: pools[0].minIdle: must be >= 0",
      "labels: [self-hosted, Linux]|labels: []|config: pools[0].labels: at least one label is required",
      "labels: [self-hosted, Linux]|flavour: x|config: pools[0].labels: required key is missing",
      "{asg: linux-warm, kind: warm}|{asg: linux-warm, kind: cold}|config: pools[0].tiers[0].kind: expected one of warm, spot",
      "{asg: linux-warm, kind: warm}|{asg: linux-spot, kind: warm}|config: pools[0].tiers[1].asg: Auto Scaling group already used by pools[0].tiers[0].asg",
      "{asg: linux-warm, kind: warm}|{kind: warm}|config: pools[0].tiers[0].asg: required key is missing",
      "ledger: {type: dynamodb, table: hangar-ledger}|ledger: {type: dynamodb}|config: ledger.table: required when ledger.type is dynamodb",
      "ledger: {type: dynamodb, table: hangar-ledger}|ledger: {type: redis}|config: ledger.type: expected one of memory, dynamodb",
      "queue: {url: \"https://sqs.eu-west-1.amazonaws.com/123456789012/hangar-jobs.fifo\"}|queue: {}|config: queue.url: required unless queue.embedded is true",
      "hangar-jobs.fifo|hangar-jobs|config: queue.url: must name a FIFO queue (ending in .fifo)",
      "queue: {url: \"https://sqs.eu-west-1.amazonaws.com/123456789012/hangar-jobs.fifo\"}|queue: {embedded: true, sendTimeoutMillis: 0}|config: queue.sendTimeoutMillis: must be >= 1",
      "aws: {region: eu-west-1|aws: {region: Europe|config: aws.region: not an AWS region name",
      "endpoint: \"http://127.0.0.1:5000\"|endpoint: \"ftp://x\"|config: aws.endpoint: must be an http(s) URL",
      "tracing: {exporter: otlp, endpoint: \"http://127.0.0.1:4318/v1/traces\"}|tracing: {exporter: otlp}|config: observability.tracing.endpoint: required when exporter is otlp",
      "namespace: Hangar/Test|stepSeconds: 0|config: observability.metrics.cloudwatch.stepSeconds: must be >= 1",
      "owner: acme|owner: 'a b'|config: github.owner: must be an organization or owner/repo",
  })
  void badValuesNameTheKey(String from, String to, String expected) {
    assertEquals(expected, error(goodWith(from, to)));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "reconcile: {interval: ${WEBHOOK_SECRET}}|config: reconcile.interval: must be a duration like 90s, 10m, 2h, 3d or PT10M",
      "reconcile: {maxRetries: -1}|config: reconcile.maxRetries: must be >= 0",
      "github: {requestTimeout: '${WEBHOOK_SECRET}'}|config: github.requestTimeout: must be a duration like 90s, 10m, 2h, 3d or PT10M",
      "agentApi: {sessionTtl: ${WEBHOOK_SECRET}}|config: agentApi.sessionTtl: must be a duration like 90s, 10m, 2h, 3d or PT10M",
      "agentApi: {sessionTtl: 13h}|config: agentApi.sessionTtl: must be between 1m and 12h",
      "agentApi: {accountId: ${WEBHOOK_SECRET}}|config: agentApi.accountId: must be a 12-digit AWS account id",
      "agentApi: {sessionKey: ${WEBHOOK_SECRET}}|config: agentApi.sessionKey: must be base64",
      "pools: [{name: p, labels: [l], maxRunners: 1, tiers: [{asg: a, kind: warm}], scaling: {schedules: [{from: ${WEBHOOK_SECRET}, to: '18:00'}]}}]|config: pools[0].scaling.schedules[0].from: must be a time of day HH:mm",
      "pools: [{name: p, labels: [l], maxRunners: 1, tiers: [{asg: a, kind: warm}], scaling: {schedules: [{days: [mon, ${WEBHOOK_SECRET}], from: '08:00', to: '18:00'}]}}]|config: pools[0].scaling.schedules[0].days[1]: must be mon..sun or a range like mon-fri",
      "pools: [{name: p, labels: [l], maxRunners: 1, tiers: [{asg: a, kind: warm}], scaling: {schedules: [{from: '08:00', to: '18:00', zone: ${WEBHOOK_SECRET}}]}}]|config: pools[0].scaling.schedules[0].zone: must be a time zone id like Europe/Berlin or UTC",
      "pools: [{name: p, labels: [l], maxRunners: 1, tiers: [{asg: a, kind: warm}], scaling: {spotBreaker: {threshold: 0}}}]|config: pools[0].scaling.spotBreaker.threshold: must be >= 1",
      "pools: [{name: p, labels: [l], maxRunners: 1, tiers: [{asg: ${WEBHOOK_SECRET}, kind: spot, weight: -1}]}]|config: pools[0].tiers[0].weight: must be >= 0",
  })
  void sectionErrorsNameTheFullKeyAndNotTheValue(String section, String expected) {
    assertEquals(expected, error("queue: {embedded: true}\n" + section + "\n"));
  }

  @Test
  void theFormerReconcilerSectionIsAnUnknownKey() {
    String message = error(GOOD + "reconciler: {debounceMillis: 250}\n");
    assertTrue(message.startsWith("config: reconciler: unknown key (known: "), message);
    assertTrue(message.contains("poolLoop"), message);
    assertFalse(message.contains(" scaling"), "the old name is not offered: " + message);
    assertFalse(message.contains("\n"), "one line: " + message);
  }

  @Test
  void duplicatePoolNamesAreRefused() {
    String yaml = GOOD.replace("observability:", """
          - name: LINUX
            labels: [gpu]
            maxRunners: 1
            tiers: [{asg: other, kind: warm}]
        observability:""");
    assertEquals("config: pools[1].name: duplicate pool name (also pools[0])", error(yaml));
  }

  @Test
  void poolsNeedATier() {
    assertEquals("config: pools[0].tiers: at least one tier is required",
        error(GOOD.replaceAll("(?s)tiers:\\n.*?observability", "tiers: []\nobservability")));
  }

  @Test
  void servingNeedsAWebhookSecretButCheckingALocalConfigDoesNot() {
    String noSecrets = goodWith("webhookSecrets: [\"${WEBHOOK_SECRET}\", \"second-${SUFFIX:-default}\"]", "webhookSecrets: []");
    assertEquals("config: github.webhookSecrets: at least one secret is required", error(noSecrets));
    assertTrue(ConfigLoader.parse(noSecrets, Map.of(), false).github().webhookSecrets().isEmpty());
  }

  @Test
  void badSecretValuesAreNotEchoed() {
    assertEquals("config: github.webhookSecrets[1]: must not be blank",
        error(goodWith("\"second-${SUFFIX:-default}\"", "\" \"")));
    assertEquals("config: github.webhookSecrets: expected a list",
        error(goodWith("webhookSecrets: [\"${WEBHOOK_SECRET}\", \"second-${SUFFIX:-default}\"]", "webhookSecrets: ${WEBHOOK_SECRET}")));
    assertEquals("config: github.webhookSecrets[0]: expected a string",
        error(goodWith("webhookSecrets: [\"${WEBHOOK_SECRET}\", \"second-${SUFFIX:-default}\"]", "webhookSecrets: [{k: ${WEBHOOK_SECRET}}]")));
  }

  @Test
  void yamlSyntaxErrorsGiveTheLineButNotItsText() {
    String msg = error(goodWith("owner: acme", "owner: [acme, ${WEBHOOK_SECRET}"));
    assertTrue(msg.startsWith("config: YAML syntax error at line"), msg);
    assertEquals("config: duplicate key 'port' at line 1, column 26", error(goodWith("server: {port: 9090}", "server: {port: 9090, port: 1}")));
  }

  @Test
  void emptyAndNonMappingFilesAreRefused() {
    assertEquals("config: the file is empty", error(""));
    assertEquals("config: the top level must be a mapping of sections", error("- a\n- b\n"));
  }

  @Test
  void unreadableFileIsOneLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nonexistent/hangar.yaml")));
    assertEquals("config: cannot read /nonexistent/hangar.yaml (NoSuchFileException)", e.getMessage());
  }

  @Test
  void theExampleConfigIsValid() {
    HangarConfig c = ConfigLoader.load(Path.of("../examples/config/local.yaml"), Map.of(), true);
    assertEquals(2, c.pools().size());
    assertTrue(c.queue().embedded());
  }
}
