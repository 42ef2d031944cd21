package dev.hangar.gateway.testing;

import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.queue.EmbeddedSqs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Gateway configurations for tests: free port, local SQS, two pools (linux, gpu). */
public final class TestConfigs {
  private TestConfigs() {}

  /** Pools section used by most tests: {@code linux} (self-hosted, linux, x64) and {@code gpu}. */
  public static final String POOLS = """
      pools:
        - name: linux
          labels: [self-hosted, linux, x64]
          maxRunners: 10
          minIdle: 0
          tiers:
            - {asg: hangar-linux-warm, kind: warm}
            - {asg: hangar-linux-spot, kind: spot}
        - name: gpu
          labels: [self-hosted, gpu]
          maxRunners: 2
          tiers:
            - {asg: hangar-gpu-warm, kind: warm}
      """;

  /** Runs no job consumer or reconciler, so a test can read the queue the webhook fills. */
  public static final String WEBHOOK_ONLY = "poolLoop: {enabled: false}\n";

  /** A gateway on 127.0.0.1:0 using the given SQS endpoint and queue, plus {@code extra} YAML. */
  public static HangarConfig gateway(String sqsEndpoint, String queueUrl, String extra) {
    return gateway(sqsEndpoint, queueUrl, sqsEndpoint, extra);
  }

  /**
   * As above, with every other AWS service at {@code awsEndpoint} (moto). {@code extra} may
   * add sections other than server, github, aws, queue, ledger and pools.
   */
  public static HangarConfig gateway(String sqsEndpoint, String queueUrl, String awsEndpoint, String extra) {
    String yaml = """
        server: {host: 127.0.0.1, port: 0}
        github:
          webhookSecrets: ["%s"]
        aws: {region: us-east-1, endpoint: "%s"}
        queue: {url: "%s", endpoint: "%s"}
        ledger: {type: memory}
        """.formatted(Webhooks.SECRET, awsEndpoint, queueUrl, sqsEndpoint) + POOLS + (extra == null ? "" : extra);
    return ConfigLoader.parse(yaml, Map.of(), true);
  }

  /**
   * The gateway as deployed, on the test peers: a GitHub App ({@code appId}, its test private key
   * written to {@code dir}) of the org {@code acme} on the GitHub test server, moto for AWS,
   * {@code sqs} for the queue, the memory ledger and {@link #POOLS}. {@code githubExtra} adds
   * lines to the github section (indented by two spaces), {@code extra} adds sections.
   */
  public static HangarConfig withGitHubApp(
      GitHubTestServer github, long appId, EmbeddedSqs sqs, Path dir, String githubExtra, String extra)
      throws IOException {
    Path key = dir.resolve("app-key.pem");
    Files.writeString(key, TestAppKeys.pkcs1Pem());
    String yaml = """
        server: {host: 127.0.0.1, port: 0}
        github:
          webhookSecrets: ["%s"]
          apiUrl: "%s"
          appId: %d
          privateKeyFile: "%s"
          owner: acme
        %s\
        aws: {region: %s, endpoint: "%s"}
        queue: {url: "%s", endpoint: "%s"}
        ledger: {type: memory}
        """.formatted(Webhooks.SECRET, github.apiUrl(), appId, key, githubExtra, MotoAws.REGION, MotoPeer.url(),
        sqs.queueUrl(), sqs.endpoint()) + extra + POOLS;
    return ConfigLoader.parse(yaml, Map.of(), true);
  }
}
