package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.queue.EmbeddedSqs;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.IdentityDocuments;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestAppKeys;
import dev.hangar.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent API as the running gateway serves it: {@code serve}-style configuration with a
 * GitHub App (the OpenAPI-validated test server), moto for Auto Scaling and EC2, trusted
 * identity certificates from {@code agentApi.identityCertificates}.
 */
class AgentApiGatewayTest {
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void gatewayServesRegisterRetireAndCountsThem(@TempDir Path dir) throws Exception {
    MotoPeer.reset();
    String instance;
    try (var aws = MotoAws.clients()) {
      MotoGroups.create(aws.ec2(), aws.autoScaling(), "hangar-linux-warm", 0, 4);
      aws.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("hangar-linux-warm").desiredCapacity(1))
          .get(30, TimeUnit.SECONDS);
      instance = aws.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("hangar-linux-warm"))
          .get(30, TimeUnit.SECONDS).autoScalingGroups().get(0).instances().get(0).instanceId();
    }
    IdentityDocuments aws = AgentApiHarness.signer();
    Path cert = aws.writeCertificate(dir);
    Vertx vertx = Vertx.vertx();
    EmbeddedSqs sqs = EmbeddedSqs.start("agent-api-gateway.fifo");
    GitHubTestServer github = GitHubTestServer.start(vertx, 99, TestAppKeys.pair().getPublic(), Clock.systemUTC(), "")
        .await(30, TimeUnit.SECONDS);
    HangarConfig config = TestConfigs.withGitHubApp(github, 99, sqs, dir, "", """
        reconcile: {interval: 1h}
        poolLoop: {enabled: false}
        agentApi:
          identityCertificates: ["%s"]
          accountId: "123456789012"
          sessionTtl: 15m
        """.formatted(cert));
    TestGateway app = TestGateway.start(vertx, config)
        .await(60, TimeUnit.SECONDS);
    try {
      String base = "http://127.0.0.1:" + app.port();
      String doc = aws.rsa2048(instance, "us-east-1", "123456789012", "2026-11-27T09:58:00Z");

      var reg = post(base + "/agent/v1/register",
          new JsonObject().put("identityDocument", doc).put("runnerVersion", "2.320.0"), null);
      assertEquals(200, reg.statusCode(), "the agent API is mounted when a GitHub App is configured: " + reg.body());
      JsonObject answer = new JsonObject(reg.body());
      assertEquals(instance, answer.getString("runnerName"));
      assertNotNull(github.runner(instance));
      String token = answer.getString("sessionToken");

      var forged = post(base + "/agent/v1/session", new JsonObject().put("identityDocument",
          IdentityDocuments.newSigner("forger").rsa2048(instance, "us-east-1", "123456789012", "2026-11-27T09:58:00Z")), null);
      assertEquals(401, forged.statusCode());

      var retire = post(base + "/agent/v1/retire", new JsonObject().put("reason", "job completed"), token);
      assertEquals(200, retire.statusCode(), retire.body());
      assertNull(github.runner(instance));
      assertEquals(0, app.fleet().describe("hangar-linux-warm").await(30, TimeUnit.SECONDS).desiredCapacity());

      String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("hangar_agent_registrations_total{pool=\"linux\",result=\"ok\"} 1.0"), metrics);
      assertTrue(metrics.contains("hangar_agent_sessions_total{result=\"signature\"} 1.0"));
      assertEquals(java.util.List.of(), github.violations());
    } finally {
      app.stop().await(30, TimeUnit.SECONDS);
      github.close();
      sqs.close();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private HttpResponse<String> post(String url, JsonObject body, String token) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
