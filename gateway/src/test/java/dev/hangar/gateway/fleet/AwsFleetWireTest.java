package dev.hangar.gateway.fleet;

import static dev.hangar.gateway.testing.AwsQueryStub.autoScalingError;
import static dev.hangar.gateway.testing.AwsQueryStub.ec2Error;
import static dev.hangar.gateway.testing.AwsQueryStub.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.domain.InstanceLifecycle;
import dev.hangar.gateway.testing.AwsQueryStub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/**
 * {@link AwsFleet} on the wire for what moto lacks: throttling back-off, AWS's bounds
 * validation of SetDesiredCapacity, CompleteLifecycleAction. The peer is {@link AwsQueryStub}.
 */
class AwsFleetWireTest {
  static final int ATTEMPTS = 4;
  Vertx vertx;
  AwsQueryStub stub;
  AwsClients aws;
  AutoScalingAsyncClient autoscaling;
  Ec2AsyncClient ec2;
  AwsFleet fleet;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    stub = new AwsQueryStub();
    aws =
        new AwsClients(
            "us-east-1",
            stub.url(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")),
            AwsClients.fastRetry(ATTEMPTS));
    autoscaling = aws.autoScaling();
    ec2 = aws.ec2();
    fleet = new AwsFleet(vertx, autoscaling, ec2);
  }

  @AfterEach
  void tearDown() throws Exception {
    autoscaling.close();
    ec2.close();
    aws.close();
    stub.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static Throwable failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static List<String> desiredValues(AwsQueryStub stub) {
    return stub.requests("SetDesiredCapacity").stream().map(r -> r.get("DesiredCapacity")).toList();
  }

  @Test
  void throttledAutoScalingCallsAreRetriedWithBackoff() throws Exception {
    stub.script("DescribeAutoScalingGroups", group("g", 0, 10, 0));
    stub.script(
        "SetDesiredCapacity",
        autoScalingError("Throttling", "Rate exceeded"),
        autoScalingError("Throttling", "Rate exceeded"),
        autoScalingError("Throttling", "Rate exceeded"));
    await(fleet.setDesiredCapacity("g", 3));
    assertEquals(List.of("3", "3", "3", "3"), desiredValues(stub));
    assertEquals("false", stub.requests("SetDesiredCapacity").get(0).get("HonorCooldown"));
  }

  @Test
  void throttlingBeyondTheAttemptBudgetFailsTheCall() throws Exception {
    stub.script("DescribeAutoScalingGroups", group("g", 0, 10, 0));
    for (int i = 0; i < ATTEMPTS + 2; i++) {
      stub.script("SetDesiredCapacity", autoScalingError("Throttling", "Rate exceeded"));
    }
    Throwable err = failure(fleet.setDesiredCapacity("g", 3));
    AwsServiceException aws = assertInstanceOf(AwsServiceException.class, err);
    assertEquals("Throttling", aws.awsErrorDetails().errorCode());
    assertEquals(ATTEMPTS, stub.requests("SetDesiredCapacity").size());
  }

  @Test
  void ec2RequestLimitExceededIsRetried() throws Exception {
    stub.script(
        "CreateTags",
        ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."),
        ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."));
    await(fleet.tagInstance("i-0abc", Map.of("hangar:job", "42")));
    List<Map<String, String>> calls = stub.requests("CreateTags");
    assertEquals(3, calls.size());
    Map<String, String> last = calls.get(2);
    assertEquals("i-0abc", last.get("ResourceId.1"));
    assertEquals("hangar:job", last.get("Tag.1.Key"));
    assertEquals("42", last.get("Tag.1.Value"));
  }

  @Test
  void aDesiredCapacityAboveANewMaximumIsRetriedWithinTheFreshBounds() throws Exception {
    stub.script("DescribeAutoScalingGroups", group("g", 0, 5, 0), group("g", 0, 2, 0));
    stub.script(
        "SetDesiredCapacity",
        autoScalingError("ValidationError", "New SetDesiredCapacity value 4 is above max value 2 for the AutoScalingGroup."));
    await(fleet.setDesiredCapacity("g", 4));
    assertEquals(List.of("4", "2"), desiredValues(stub));
    assertEquals(2, stub.requests("DescribeAutoScalingGroups").size());
  }

  @Test
  void otherErrorsAreNotRetried() throws Exception {
    stub.script("DescribeAutoScalingGroups", group("g", 0, 5, 0));
    stub.script("SetDesiredCapacity", autoScalingError("AccessDenied", "not allowed"));
    Throwable err = failure(fleet.setDesiredCapacity("g", 1));
    assertEquals("AccessDenied", assertInstanceOf(AwsServiceException.class, err).awsErrorDetails().errorCode());
    assertEquals(1, stub.requests("SetDesiredCapacity").size());
  }

  @Test
  void anInstanceEc2CannotDescribeYetHasNoLaunchTimeButTheGroupIsDescribed() throws Exception {
    stub.script(
        "DescribeAutoScalingGroups",
        AwsQueryStub.autoScalingResult(
            "DescribeAutoScalingGroups",
            "<AutoScalingGroups><member><AutoScalingGroupName>g</AutoScalingGroupName><MinSize>0</MinSize>"
                + "<MaxSize>5</MaxSize><DesiredCapacity>1</DesiredCapacity><Instances><member>"
                + "<InstanceId>i-0new</InstanceId><AvailabilityZone>us-east-1a</AvailabilityZone>"
                + "<LifecycleState>Pending</LifecycleState><HealthStatus>Healthy</HealthStatus>"
                + "<ProtectedFromScaleIn>true</ProtectedFromScaleIn><InstanceType>t3.micro</InstanceType>"
                + "</member></Instances></member></AutoScalingGroups>"));
    stub.script(
        "DescribeInstances",
        ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID 'i-0new' does not exist"));
    var g = await(fleet.describe("g"));
    assertEquals(1, g.instances().size());
    var i = g.instances().get(0);
    assertEquals("i-0new", i.instanceId());
    assertEquals(InstanceLifecycle.PENDING, i.lifecycle());
    assertTrue(i.protectedFromScaleIn());
    assertEquals(null, i.launchTime());
    assertEquals(null, g.warmPool());
  }

  @Test
  void aLifecycleActionNoLongerPendingIsNoLifecycleActionNotAnOutage() throws Exception {
    // AWS's answer once the action was completed or its heartbeat timeout passed.
    stub.script("CompleteLifecycleAction", autoScalingError("ValidationError",
        "No active Lifecycle Action found with instance ID i-0abc"));
    Throwable err = failure(fleet.completeLifecycleAction("g", "hangar-launch", "i-0abc", "CONTINUE"));
    assertInstanceOf(dev.hangar.gateway.port.Fleet.NoLifecycleAction.class, err);
  }

  @Test
  void otherLifecycleFailuresStayFailuresOfTheCall() throws Exception {
    stub.script("CompleteLifecycleAction", autoScalingError("AccessDenied", "not allowed"));
    Throwable err = failure(fleet.completeLifecycleAction("g", "hangar-launch", "i-0abc", "CONTINUE"));
    assertInstanceOf(AwsServiceException.class, err);
  }

  @Test
  void completesALifecycleAction() throws Exception {
    await(fleet.completeLifecycleAction("g", "hangar-launch", "i-0abc", "CONTINUE"));
    Map<String, String> call = stub.requests("CompleteLifecycleAction").get(0);
    assertEquals("g", call.get("AutoScalingGroupName"));
    assertEquals("hangar-launch", call.get("LifecycleHookName"));
    assertEquals("i-0abc", call.get("InstanceId"));
    assertEquals("CONTINUE", call.get("LifecycleActionResult"));
  }

  @Test
  void protectionIsSentInBatchesOfFifty() throws Exception {
    List<String> ids = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "i-" + i).toList();
    await(fleet.setInstanceProtection("g", ids, true));
    List<Map<String, String>> calls = stub.requests("SetInstanceProtection");
    assertEquals(3, calls.size());
    assertTrue(calls.stream().allMatch(c -> "true".equals(c.get("ProtectedFromScaleIn"))));
    long sent = calls.stream().mapToLong(c -> c.keySet().stream().filter(k -> k.startsWith("InstanceIds.member.")).count()).sum();
    assertEquals(120, sent);
  }
}
