package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hangar.gateway.config.AgentApiConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Session tokens: bound to one instance, short-lived, shareable across replicas by key. */
class SessionTokensTest {
  static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  final AgentApiHarness.SettableClock clock = new AgentApiHarness.SettableClock(Instant.parse("2026-11-27T10:00:00Z"));

  @Test
  void tokenNamesItsInstanceUntilItExpires() throws Exception {
    var tokens = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
    var s = tokens.issue("i-0123456789abcdef0");
    assertEquals(Instant.parse("2026-11-27T10:10:00Z"), s.expiresAt());
    assertEquals("i-0123456789abcdef0", tokens.instanceOf(s.token()));
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    var e = assertThrows(SessionTokens.InvalidTokenException.class, () -> tokens.instanceOf(s.token()));
    assertEquals("session token expired", e.getMessage());
  }

  @Test
  void replicasSharingTheKeyAcceptEachOthersTokens() throws Exception {
    var a = new SessionTokens(KEY, Duration.ofHours(1), clock);
    var b = new SessionTokens(KEY, Duration.ofHours(1), clock);
    assertEquals("i-0123456789abcdef0", b.instanceOf(a.issue("i-0123456789abcdef0").token()));
    var generated = new SessionTokens(null, Duration.ofHours(1), clock);
    assertThrows(SessionTokens.InvalidTokenException.class,
        () -> generated.instanceOf(a.issue("i-0123456789abcdef0").token()));
  }

  @Test
  void eachTokenIsUnique() {
    var tokens = new SessionTokens(KEY, Duration.ofHours(1), clock);
    assertNotEquals(tokens.issue("i-0123456789abcdef0").token(), tokens.issue("i-0123456789abcdef0").token());
  }

  @Test
  void unsignedAndAlteredTokensAreRefused() {
    var tokens = new SessionTokens(KEY, Duration.ofHours(1), clock);
    String t = tokens.issue("i-0123456789abcdef0").token();
    String[] parts = t.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("i-0123456789abcdef0", "i-0fedcba9876543210");
    String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertThrows(SessionTokens.InvalidTokenException.class, () -> tokens.instanceOf(altered));
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "." + parts[1] + ".";
    assertThrows(SessionTokens.InvalidTokenException.class, () -> tokens.instanceOf(none));
    assertThrows(SessionTokens.InvalidTokenException.class, () -> tokens.instanceOf(""));
  }

  @Test
  void shortOrMalformedKeysAreRejectedAtStartUp() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SessionTokens(Base64.getEncoder().encodeToString(new byte[16]), Duration.ofHours(1), clock));
    assertEquals("sessionKey: must decode to at least 32 bytes", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SessionTokens("***", Duration.ofHours(1), clock));
  }

  @Test
  void sessionAndConfigNeverPrintTheirSecrets() {
    var s = new SessionTokens(KEY, Duration.ofHours(1), clock).issue("i-0123456789abcdef0");
    assertFalse(s.toString().contains(s.token()));
    var config = new AgentApiConfig(null, null, null, KEY, null, null, null, null, null);
    assertFalse(config.toString().contains(KEY));
  }
}
