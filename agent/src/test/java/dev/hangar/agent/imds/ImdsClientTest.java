package dev.hangar.agent.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.testing.AgentHarness;
import dev.hangar.agent.testing.ImdsDouble;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IMDSv2 token rules against the IMDS double: TTL, refresh before expiry, 401, no v1 fallback. */
class ImdsClientTest {
  private static final String ID = "/latest/meta-data/instance-id";
  private ImdsDouble imds;
  private final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void setUp() throws Exception {
    imds = new ImdsDouble("i-0b000000000000001", AgentHarness.identity());
  }

  @AfterEach
  void tearDown() {
    imds.close();
  }

  private ImdsClient client(Duration ttl, Duration margin) {
    return new ImdsClient(imds.url(), Duration.ofSeconds(5), ttl, margin, nanos::get);
  }

  @Test
  void firstRequestGetsATokenWithTheConfiguredTtlThenReusesIt() throws Exception {
    ImdsClient c = client(Duration.ofHours(6), Duration.ofMinutes(5));
    assertEquals(Optional.of("i-0b000000000000001"), c.get(ID));
    assertEquals(Optional.of("i-0b000000000000001"), c.get(ID));
    assertEquals(1, imds.tokensIssued());
    assertEquals("PUT", imds.seen().get(0).method());
    assertEquals("/latest/api/token", imds.seen().get(0).path());
    assertTrue(imds.seen().stream().skip(1).allMatch(ImdsDouble.Seen::withToken));
  }

  @Test
  void tokenIsRefreshedTheMarginBeforeItsTtlRunsOut() throws Exception {
    ImdsClient c = client(Duration.ofSeconds(100), Duration.ofSeconds(10));
    c.get(ID);
    nanos.addAndGet(Duration.ofSeconds(89).toNanos());
    imds.advanceClock(Duration.ofSeconds(89));
    c.get(ID);
    assertEquals(1, imds.tokensIssued(), "still inside TTL minus margin");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    imds.advanceClock(Duration.ofSeconds(2));
    c.get(ID);
    assertEquals(2, imds.tokensIssued(), "refreshed before the TTL ran out");
    assertEquals(0, imds.seen().stream().filter(s -> !s.withToken() && !s.method().equals("PUT")).count());
  }

  @Test
  void expiredOrForgottenTokenAnswered401IsReacquiredOnce() throws Exception {
    ImdsClient c = client(Duration.ofSeconds(100), Duration.ofSeconds(10));
    c.get(ID);
    imds.advanceClock(Duration.ofSeconds(101)); // IMDS clock ran ahead: token expired there
    assertEquals(Optional.of("i-0b000000000000001"), c.get(ID));
    assertEquals(2, imds.tokensIssued());
    imds.forgetTokens(); // e.g. IMDS restarted
    assertEquals(Optional.of("i-0b000000000000001"), c.get(ID));
    assertEquals(3, imds.tokensIssued());
  }

  @Test
  void missingItemIsEmptyNotAnError() throws Exception {
    ImdsClient c = client(Duration.ofHours(6), Duration.ofMinutes(5));
    assertEquals(Optional.empty(), c.get("/latest/meta-data/spot/instance-action"));
    imds.spotInterruption("terminate", "2026-11-27T10:00:00Z");
    assertEquals(Optional.of("{\"action\":\"terminate\",\"time\":\"2026-11-27T10:00:00Z\"}"),
        c.get("/latest/meta-data/spot/instance-action"));
  }

  @Test
  void failuresSayWhatHappenedAndNeverFallBackToImdsV1() throws Exception {
    ImdsClient c = client(Duration.ofHours(6), Duration.ofMinutes(5));
    imds.failNext(1);
    ImdsUnavailableException e = assertThrows(ImdsUnavailableException.class, () -> c.get(ID));
    assertTrue(e.getMessage().contains("token") && e.getMessage().contains("503")
        && e.getMessage().contains("IMDSv1 is not used"), e.getMessage());
    assertEquals(1, imds.seen().size(), "no token, no metadata request");
    imds.hang();
    // The timeout is what this case is about: its own client with a short one, which always
    // runs out because the double holds the request until release().
    ImdsClient impatient = new ImdsClient(imds.url(), Duration.ofMillis(500),
        Duration.ofHours(6), Duration.ofMinutes(5), nanos::get);
    e = assertThrows(ImdsUnavailableException.class, () -> impatient.get(ID));
    assertTrue(e.getMessage().contains("did not answer within 500 ms"), e.getMessage());
    imds.release();
    ImdsClient nowhere = new ImdsClient(URI.create("http://127.0.0.1:1"), Duration.ofMillis(300),
        Duration.ofHours(6), Duration.ofMinutes(5), nanos::get);
    e = assertThrows(ImdsUnavailableException.class, () -> nowhere.get(ID));
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
  }
}
