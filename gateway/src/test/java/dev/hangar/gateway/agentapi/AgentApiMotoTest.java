package dev.hangar.gateway.agentapi;

import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.fleet.AwsFleet;
import dev.hangar.gateway.github.WebClientGitHub;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.GitHubMetrics;
import dev.hangar.gateway.testing.GitHubTestServer;
import dev.hangar.gateway.testing.ManualClock;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestAppKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;

/**
 * The agent API on the real adapters: {@code AwsFleet} on moto (Auto Scaling, EC2), the GitHub
 * adapter against the OpenAPI-validated GitHub test server, the in-memory ledger. Checks what
 * AWS and GitHub end up holding.
 */
@ExtendWith(VertxExtension.class)
class AgentApiMotoTest {
  static final String OTHER_ASG = "another-team-runners";

  @TempDir Path tmp;
  AwsClients aws;
  GitHubTestServer githubServer;
  AgentApiHarness h;
  MemoryLedger ledger;
  List<String> runners;
  String stranger;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    MotoPeer.reset();
    aws = MotoAws.clients();
    // Minimum 0, so that retiring may lower the desired capacity (never below the minimum).
    MotoGroups.create(aws.ec2(), aws.autoScaling(), WARM_ASG, 0, 5);
    MotoGroups.create(aws.ec2(), aws.autoScaling(), OTHER_ASG, 0, 5);
    aws.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(WARM_ASG).desiredCapacity(2)).get(30, TimeUnit.SECONDS);
    aws.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(OTHER_ASG).desiredCapacity(1)).get(30, TimeUnit.SECONDS);
    runners = instancesOf(WARM_ASG);
    stranger = instancesOf(OTHER_ASG).get(0);
    assertEquals(2, runners.size());

    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    githubServer = GitHubTestServer.start(vertx, 31337, TestAppKeys.pair().getPublic(), clock, "")
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    var settings = GitHubConfig.of(githubServer.apiUrl(), 31337, "octo-org", null)
        .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1));
    var github = WebClientGitHub.create(
        vertx, settings, TestAppKeys.pair().getPrivate(), GitHubMetrics.NOOP, clock, clock.delays());
    h = new AgentApiHarness(vertx, tmp, AgentApiHarness.config(),
        new AwsFleet(vertx, aws.autoScaling(), aws.ec2()), ledger = new MemoryLedger(), github, MotoAws.REGION, null);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    githubServer.close();
    aws.close();
    assertEquals(List.of(), h.undocumented, "answers match docs/agent-api.yaml");
    assertEquals(List.of(), githubServer.violations(), "GitHub requests match GitHub's OpenAPI description");
  }

  @Test
  void registerThenJobStartedProtectsAndTagsTheInstance() throws Exception {
    String id = runners.get(0);
    var reg = h.register(id);
    assertEquals(200, reg.status(), reg.raw().body());
    assertEquals(id, reg.body().getString("runnerName"));
    assertTrue(reg.body().getString("jitConfig").startsWith("jit-"));
    assertEquals("2.330.0", reg.body().getString("requiredRunnerVersion"));
    assertEquals(List.of("self-hosted", "linux", "x64"), githubServer.runner(id).labels);
    String token = reg.body().getString("sessionToken");

    assertFalse(details(id).protectedFromScaleIn());
    var started = h.post("/events", new JsonObject().put("type", "job-started")
        .put("repository", "octo-org/app").put("workflow", "CI").put("jobName", "build (linux)"), token);
    assertEquals(200, started.status(), started.raw().body());

    assertTrue(details(id).protectedFromScaleIn(), "DescribeAutoScalingInstances: ProtectedFromScaleIn");
    assertFalse(details(runners.get(1)).protectedFromScaleIn(), "only the caller is protected");
    assertEquals(Map.of("hangar:repository", "octo-org/app", "hangar:workflow", "CI", "hangar:job", "build (linux)"),
        hangarTags(id));
  }

  @Test
  void retireDeletesTheRunnerThenTerminatesAndDecrementsDesired() throws Exception {
    String id = runners.get(0);
    String token = h.register(id).body().getString("sessionToken");
    assertNotNull(githubServer.runner(id));
    assertEquals(2, desired());

    var r = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
    assertEquals(200, r.status(), r.raw().body());
    assertNull(githubServer.runner(id), "runner deleted on GitHub");
    assertEquals(1, desired(), "desired capacity lowered by one");
    assertFalse(instancesOf(WARM_ASG).contains(id), "instance left the group");
    var ops = githubServer.requests().stream().map(GitHubTestServer.Recorded::operationId).toList();
    assertTrue(ops.contains("actions/delete-self-hosted-runner-from-org"), ops.toString());

    // The retired instance's session is over: a repeated retire is refused and changes nothing.
    var again = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
    assertEquals(403, again.status());
    assertEquals("instance_retired", again.body().getString("code"));
    assertEquals(1, desired(), "a repeated retire changes nothing");
  }

  @Test
  void retireWhileBusyIsRefusedAndTheInstanceStaysInService() throws Exception {
    String id = runners.get(0);
    String token = h.register(id).body().getString("sessionToken");
    githubServer.runner(id).busy = true;

    var r = h.post("/retire", new JsonObject().put("reason", "job completed"), token);
    assertEquals(409, r.status(), r.raw().body());
    assertEquals("runner busy", r.body().getString("reason"));
    assertEquals("InService", details(id).lifecycleState());
    assertEquals(2, desired());
    assertNotNull(githubServer.runner(id));
  }

  @Test
  void instanceOfAnotherGroupIsRefusedAndNothingChanges() throws Exception {
    long before = githubServer.requests().size();
    var r = h.register(stranger);
    assertEquals(403, r.status(), r.raw().body());
    assertEquals(403, h.session(stranger).status());
    assertEquals(before, githubServer.requests().size(), "GitHub was not asked");
    assertNull(githubServer.runner(stranger));
    assertEquals(List.of(stranger), instancesOf(OTHER_ASG));
  }

  @Test
  void replayedRegistrationIsRefused() throws Exception {
    String id = runners.get(1);
    assertEquals(200, h.register(id).status());
    long jitCalls = githubServer.count("actions/generate-runner-jitconfig-for-org");
    var replay = h.register(id);
    assertEquals(409, replay.status());
    assertEquals("already registered", replay.body().getString("error"));
    assertEquals(jitCalls, githubServer.count("actions/generate-runner-jitconfig-for-org"));
  }

  @Test
  void spotInterruptionOfABusyRunnerIsRecordedOnItsJob() throws Exception {
    String id = runners.get(0);
    String token = h.register(id).body().getString("sessionToken");
    Instant t = Instant.parse("2026-11-27T09:59:00Z");
    await(ledger.apply("linux", new JobEvent(5001, 77, 1, JobStatus.IN_PROGRESS,
        List.of("self-hosted", "linux"), "octo-org/app", "octo-org", "CI", "build", id, null, t, t, null)));
    await(ledger.apply("linux", new JobEvent(5002, 78, 1, JobStatus.IN_PROGRESS,
        List.of("self-hosted", "linux"), "octo-org/app", "octo-org", "CI", "test", runners.get(1), null, t, t, null)));

    var r = h.post("/events", new JsonObject().put("type", "spot-interruption")
        .put("deadline", "2026-11-27T10:02:00Z"), token);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals(1, await(ledger.job(5001)).interruptions());
    assertEquals(0, await(ledger.job(5002)).interruptions());
    assertEquals(1, h.count("hangar.spot.interruptions", "pool", "linux"));
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private AutoScalingInstanceDetails details(String id) throws Exception {
    return aws.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(id))
        .get(30, TimeUnit.SECONDS).autoScalingInstances().get(0);
  }

  private List<String> instancesOf(String asg) throws Exception {
    return aws.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg))
        .get(30, TimeUnit.SECONDS).autoScalingGroups().get(0).instances().stream()
        .map(i -> i.instanceId()).sorted().toList();
  }

  private int desired() throws Exception {
    return aws.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(WARM_ASG))
        .get(30, TimeUnit.SECONDS).autoScalingGroups().get(0).desiredCapacity();
  }

  private Map<String, String> hangarTags(String id) throws Exception {
    return aws.ec2().describeTags(r -> r.filters(f -> f.name("resource-id").values(id)))
        .get(30, TimeUnit.SECONDS).tags().stream()
        .filter(t -> t.key().startsWith("hangar:"))
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }
}
