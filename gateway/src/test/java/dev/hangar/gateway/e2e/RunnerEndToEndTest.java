package dev.hangar.gateway.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.agent.AgentState;
import dev.hangar.agent.testing.AgentHarness;
import dev.hangar.agent.testing.ImdsDouble;
import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.IdentityDocuments;
import dev.hangar.gateway.testing.InProcessAgent;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestAppKeys;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.Webhooks;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * One runner's whole life with real parts: a signed {@code workflow_job} webhook reaches the
 * gateway (SQS on ElasticMQ, ledger, reconciler), desired capacity rises in moto and moto
 * launches an instance; the real agent for that instance (IMDS double serving its signed
 * identity document, runner stand-in) registers through the gateway's agent API (GitHub JIT
 * config from the OpenAPI-validated GitHub test server), the runner runs the job, the agent retires the instance:
 * the runner is deleted on GitHub, the instance terminated and desired capacity back down.
 */
@ExtendWith(VertxExtension.class)
class RunnerEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> GROUPS = List.of("hangar-linux-warm", "hangar-linux-spot", "hangar-gpu-warm");
  private static final long APP_ID = 424242;

  @TempDir Path tmp;
  AwsClients aws;
  EmbeddedSqs sqs;
  TestGateway app;
  GitHubTestServer github;
  ImdsDouble imds;
  InProcessAgent agent;
  final List<String> agentLogs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    MotoPeer.reset();
    aws = MotoAws.clients();
    for (String group : GROUPS) {
      MotoGroups.create(aws.ec2(), aws.autoScaling(), group, 0, 5);
      // As the runner-pool module creates them: new instances are protected from scale-in.
      aws.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName(group).newInstancesProtectedFromScaleIn(true))
          .get(30, TimeUnit.SECONDS);
    }
    sqs = EmbeddedSqs.start("hangar-e2e.fifo");
    github = GitHubTestServer.start(vertx, APP_ID, TestAppKeys.pair().getPublic(), Clock.systemUTC(), "")
        .await(20, TimeUnit.SECONDS);
    signer = IdentityDocuments.newSigner("Hangar e2e AWS identity");
    // The gateway as deployed, on moto, ElasticMQ and the GitHub test server; it trusts the test
    // signer's certificate as it would AWS's regional identity certificate.
    HangarConfig config = TestConfigs.withGitHubApp(github, APP_ID, sqs, tmp, "", """
        poolLoop: {debounceMillis: 50, periodSeconds: 1, receiveWaitSeconds: 1}
        agentApi:
          identityCertificates: ["%s"]
        """.formatted(signer.writeCertificate(tmp)));
    app = TestGateway.start(vertx, config)
        .await(60, TimeUnit.SECONDS);
  }

  IdentityDocuments signer;

  @AfterEach
  void stop() throws Exception {
    try {
      assertEquals(List.of(), github.violations(), "GitHub requests match GitHub's OpenAPI description");
    } finally {
      if (agent != null) {
        agent.close();
      }
      if (imds != null) {
        imds.close();
      }
      app.stop().await(30, TimeUnit.SECONDS);
      github.close();
      sqs.close();
      aws.close();
    }
  }

  @Test
  void webhookScalesUpAgentRegistersRunsTheJobRetiresAndCapacityComesBackDown() throws Exception {
    // 1. GitHub queues a job for the linux pool.
    assertEquals(202, Webhooks.postSigned(app.port(), Webhooks.payload(Webhooks.QUEUED)).statusCode());

    // 2. The gateway raises desired capacity; moto launches the instance.
    await().atMost(WAIT).until(() -> launched().isPresent());
    String group = launched().get();
    String instanceId = instances(group).get(0);

    // 3. The agent on that instance registers and starts the runner, which takes the job.
    imds = new ImdsDouble(instanceId, signer.rsa2048(instanceId, MotoAws.REGION, "123456789012", "2026-11-27T10:00:00Z"));
    Path runner = tmp.resolve("runner");
    AgentHarness.installStandIn(runner, "2.330.0");
    Files.writeString(runner.resolve("standin-control"), "job=hold\n");
    startAgent(runner);
    await().atMost(WAIT).until(() -> github.runner(instanceId) != null);
    await().atMost(WAIT).until(() -> agent.state() == AgentState.BUSY);
    assertTrue(protectedFromScaleIn(instanceId), "busy runner protected from scale-in");
    assertEquals(202, Webhooks.postSigned(app.port(),
        Webhooks.payload(Webhooks.IN_PROGRESS, root -> ((ObjectNode) root.get("workflow_job"))
            .put("runner_name", instanceId))).statusCode());

    // 4. The job ends; GitHub reports it completed; the agent retires its instance.
    Files.writeString(runner.resolve("standin-release"), "");
    assertEquals(202, Webhooks.postSigned(app.port(),
        Webhooks.payload(Webhooks.COMPLETED, root -> ((ObjectNode) root.get("workflow_job"))
            .put("runner_name", instanceId))).statusCode());
    await().atMost(WAIT).until(() -> agent.state() == AgentState.RETIRED);

    // 5. Nothing is left: no runner on GitHub, the instance gone, desired capacity back to zero.
    await().atMost(WAIT).until(() -> !instances(group).contains(instanceId));
    await().atMost(WAIT).until(() -> GROUPS.stream().allMatch(g -> desired(g) == 0));
    assertTrue(github.runners().isEmpty(), "no runner left registered: " + github.runnerNames());
    assertEquals(1, github.count("actions/generate-runner-jitconfig-for-org"));
    assertTrue(github.count("actions/delete-self-hosted-runner-from-org") >= 1);
    assertFalse(Files.exists(tmp.resolve("shutdown-called")), "retired through the gateway, no forced shutdown");
  }

  private void startAgent(Path runner) throws Exception {
    Map<String, String> s = InProcessAgent.settings("http://127.0.0.1:" + app.port(), imds.url(), runner, tmp);
    s.put("pool", "linux");
    s.put("lifecycle.pollInterval", "100ms");
    s.put("spot.pollInterval", "100ms");
    s.put("heartbeat.interval", "500ms");
    s.put("retry.initialBackoff", "50ms");
    s.put("retry.maxBackoff", "500ms");
    s.put("register.deadline", "30s");
    s.put("retire.deadline", "30s");
    agent = InProcessAgent.start(s, tmp, agentLogs::add);
  }

  private Optional<String> launched() throws Exception {
    for (String g : GROUPS) {
      if (!instances(g).isEmpty()) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  private AutoScalingGroup group(String name) throws Exception {
    return aws.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
        .get(30, TimeUnit.SECONDS).autoScalingGroups().get(0);
  }

  private List<String> instances(String name) throws Exception {
    return group(name).instances().stream().map(i -> i.instanceId()).sorted().toList();
  }

  private int desired(String name) {
    try {
      return group(name).desiredCapacity();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean protectedFromScaleIn(String instanceId) throws Exception {
    return aws.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(instanceId))
        .get(30, TimeUnit.SECONDS).autoScalingInstances().get(0).protectedFromScaleIn();
  }
}
