package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.testing.RecordingLedger;
import dev.hangar.gateway.testing.InMemoryFleet;
import static dev.hangar.gateway.agentapi.AgentApiHarness.ACCOUNT;
import static dev.hangar.gateway.agentapi.AgentApiHarness.REGION;
import static dev.hangar.gateway.agentapi.AgentApiHarness.WARM_ASG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hangar.gateway.testing.IdentityDocuments;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused session or registration names the check that refused it, in its log line and as
 * the {@code result} of its counter; the HTTP answer stays generic.
 */
@ExtendWith(VertxExtension.class)
class RefusalReasonTest {
  static final String MANAGED = "i-0bbbbbbbbbbbbbbb2";
  static final String STRANGER = "i-0ddddddddddddddd4";
  static final String PENDING = "2026-11-27T09:58:00Z";

  @TempDir Path tmp;
  AgentApiHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    InMemoryFleet fleet = new InMemoryFleet();
    fleet.add(WARM_ASG, MANAGED, "InService");
    fleet.add("someone-elses-asg", STRANGER, "InService");
    h = new AgentApiHarness(vertx, tmp, AgentApiHarness.config(), fleet, new RecordingLedger(), new FakeGitHub());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void malformedDocument() throws Exception {
    assertSessionRefused("bm90IGEgUEtDUyM3IG1lc3NhZ2U".repeat(20), 401, "malformed");
  }

  @Test
  void signatureThatDoesNotVerify() throws Exception {
    String forged = IdentityDocuments.newSigner("Not AWS").rsa2048(MANAGED, REGION, ACCOUNT, PENDING);
    assertSessionRefused(forged, 401, "signature");
  }

  @Test
  void documentOfAnotherRegion() throws Exception {
    assertSessionRefused(h.signer.rsa2048(MANAGED, "us-east-1", ACCOUNT, PENDING), 403, "region");
  }

  @Test
  void documentOfAnotherAccount() throws Exception {
    assertSessionRefused(h.signer.rsa2048(MANAGED, REGION, "999999999999", PENDING), 403, "account");
  }

  @Test
  void instanceInNoPoolsGroup() throws Exception {
    assertSessionRefused(h.document(STRANGER), 403, "not_managed");
  }

  @Test
  void registrationCountsAndLogsTheSameReasons() throws Exception {
    String otherRegion = h.signer.rsa2048(MANAGED, "us-east-1", ACCOUNT, PENDING);
    var r = h.post("/register",
        new JsonObject().put("identityDocument", otherRegion).put("runnerVersion", "2.320.0"), null);
    assertEquals(403, r.status());
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "unknown", "result", "region"));
    assertRefusalLogged("runner registration", "region");
    r = h.register(STRANGER);
    assertEquals(403, r.status());
    assertEquals(1, h.count("hangar.agent.registrations", "pool", "unknown", "result", "not_managed"));
    assertRefusalLogged("runner registration", "not_managed");
  }

  private void assertSessionRefused(String document, int status, String reason) throws Exception {
    var r = h.post("/session", new JsonObject().put("identityDocument", document), null);
    assertEquals(status, r.status(), r.raw().body());
    assertTrue(List.of("identity document not verified", "instance not managed")
        .contains(r.body().getString("error")), "the answer stays generic: " + r.body());
    assertEquals(1, h.count("hangar.agent.sessions", "result", reason), h.meters.getMeters().toString());
    assertEquals(1, h.meters.find("hangar.agent.sessions").counters().size(), "one outcome counted");
    assertRefusalLogged("agent session", reason);
  }

  private void assertRefusalLogged(String call, String reason) {
    List<ILoggingEvent> lines = h.logs.list.stream()
        .filter(e -> e.getFormattedMessage().startsWith(call + " refused (" + reason + ")"))
        .filter(e -> e.getKeyValuePairs() != null && e.getKeyValuePairs().stream()
            .anyMatch(kv -> kv.key.equals("reason") && reason.equals(kv.value)))
        .toList();
    assertEquals(1, lines.size(), h.logText());
  }
}
