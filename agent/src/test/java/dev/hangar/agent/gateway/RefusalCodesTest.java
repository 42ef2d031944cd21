package dev.hangar.agent.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.GatewayStandIn;
import dev.hangar.agent.testing.TestIdentity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client exposes the refusal code and Retry-After of the gateway's answers. */
class RefusalCodesTest {
  private static final TestIdentity IDENTITY = TestIdentity.create();
  private final GatewayStandIn gateway;

  RefusalCodesTest() throws Exception {
    gateway = new GatewayStandIn(IDENTITY);
  }

  @AfterEach
  void close() {
    gateway.close();
  }

  private GatewayClient client(String instanceId) {
    String doc = IDENTITY.rsa2048(instanceId);
    return new GatewayClient(gateway.url(), Duration.ofSeconds(5), () -> doc);
  }

  @Test
  void registerRefusalsCarryTheirCodes() throws Exception {
    gateway.inService(id -> false);
    GatewayException notInService = assertThrows(GatewayException.class, () -> client("i-1").register("2.320.0"));
    assertEquals(Refusals.NOT_IN_SERVICE, notInService.code());
    assertEquals(409, notInService.status());

    gateway.inService(id -> true);
    client("i-1").register("2.320.0");
    assertEquals(Refusals.ALREADY_REGISTERED,
        assertThrows(GatewayException.class, () -> client("i-1").register("2.320.0")).code());

    gateway.managed(id -> false);
    assertEquals(Refusals.NOT_MANAGED,
        assertThrows(GatewayException.class, () -> client("i-2").register("2.320.0")).code());
  }

  @Test
  void laterJobsRegisterWithTheirSequenceAndLearnHowManyAreLeft() throws Exception {
    gateway.maxJobsPerRunner(2);
    Registration first = client("i-4").register("2.320.0");
    assertEquals(1, first.sequence());
    assertEquals(1, first.jobsLeft());
    assertEquals(Refusals.SEQUENCE_REFUSED,
        assertThrows(GatewayException.class, () -> client("i-5").register("2.320.0", 2)).code(), "skipped");
    Registration second = client("i-4").register("2.320.0", 2);
    assertEquals(2, second.sequence());
    assertEquals(0, second.jobsLeft());
    assertEquals(Refusals.SEQUENCE_REFUSED,
        assertThrows(GatewayException.class, () -> client("i-4").register("2.320.0", 3)).code(), "beyond the limit");
    assertEquals(Refusals.ALREADY_REGISTERED,
        assertThrows(GatewayException.class, () -> client("i-4").register("2.320.0", 2)).code());
    assertTrue(gateway.violations().isEmpty(), gateway.violations().toString());
  }

  @Test
  void retireWhileBusyIsRunnerBusy() throws Exception {
    gateway.runnerBusy(true);
    GatewayException e = assertThrows(GatewayException.class, () -> client("i-3").retire("job-completed"));
    assertEquals(Refusals.RUNNER_BUSY, e.code());
    assertTrue(!e.retryable());
  }

  @Test
  void throttledCarriesRetryAfterAndIsRetryable() throws Exception {
    GatewayClient c = client("i-4");
    c.openSession();
    gateway.throttleNext(1, 3);
    GatewayException e = assertThrows(GatewayException.class, () -> c.heartbeat(Map.of("state", "idle")));
    assertEquals(Refusals.THROTTLED, e.code());
    assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
    assertTrue(e.retryable());
  }

  @Test
  void aRevokedSessionIsReopenedOnceWithTheIdentityDocument() throws Exception {
    GatewayClient c = client("i-5");
    c.openSession();
    gateway.revokeSessions();
    c.heartbeat(Map.of("state", "idle"));
    assertEquals(1, gateway.calls("/agent/v1/heartbeat").size());
  }
}
