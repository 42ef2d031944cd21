package dev.hangar.agent.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.agent.log.Log;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Session tokens and JIT configs never show in toString() or log lines. */
class SecretsTest {
  @Test
  void recordsHideTheirSecrets() {
    Session s = new Session("session-secret-123", "i-0abc", "2026-11-27T10:45:00Z");
    Registration r = new Registration(s, "i-0abc", "jit-secret-456", "2.321.0",
        Optional.of(new RunnerDownload(URI.create("https://mirror/r.tgz"), "ab")));
    assertFalse(s.toString().contains("session-secret-123"));
    assertFalse(r.toString().contains("jit-secret-456"));
    assertFalse(r.toString().contains("session-secret-123"));
    assertTrue(r.toString().contains("2.321.0"));
  }

  @Test
  void logRedactsRegisteredSecretsEvenInsideMessages() {
    List<String> lines = new ArrayList<>();
    Log log = new Log(lines::add);
    log.secret("jit-secret-456");
    log.info("runner: started with jit-secret-456", "detail", "x jit-secret-456 y");
    assertFalse(String.join("", lines).contains("jit-secret-456"));
    assertTrue(lines.get(0).contains("***"));
  }

  @Test
  void gatewayErrorsNeverCarryTheSessionToken() {
    GatewayException e = new GatewayException(401, "/agent/v1/heartbeat: invalid session token");
    assertFalse(e.getMessage().contains("Bearer"));
  }
}
