package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the gateway remembers about agents, and that it forgets silent ones. */
class AgentRegistryTest {
  final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void keepsRunnerAndLastHeartbeatPerInstance() {
    var r = new AgentRegistry();
    r.registered("i-0000000000000000a", "linux", "asg", 42, t0);
    r.heartbeat("i-0000000000000000a", new AgentRegistry.Heartbeat("busy", "2.321.0", 1L, 2L, 0.5), t0.plusSeconds(30));
    var a = r.agent("i-0000000000000000a").orElseThrow();
    assertEquals(42L, a.runnerId());
    assertEquals("busy", a.lastHeartbeat().state());
    assertEquals(t0.plusSeconds(30), a.lastSeen());
    r.retired("i-0000000000000000a", t0.plusSeconds(60));
    assertTrue(r.agent("i-0000000000000000a").orElseThrow().retired());
  }

  @Test
  void instancesSilentForADayAreForgottenAsNewOnesArrive() {
    var r = new AgentRegistry();
    r.registered("i-0000000000000000b", "linux", "asg", 1, t0);
    Instant later = t0.plus(AgentRegistry.FORGET_AFTER).plus(Duration.ofMinutes(1));
    for (int i = 0; i < AgentRegistry.SWEEP_EVERY; i++) {
      r.seen(String.format("i-%017x", i + 0x100), "linux", "asg", later);
    }
    assertTrue(r.agent("i-0000000000000000b").isEmpty(), "silent for over a day: forgotten");
    assertEquals(AgentRegistry.SWEEP_EVERY, r.snapshot().size());
  }
}
