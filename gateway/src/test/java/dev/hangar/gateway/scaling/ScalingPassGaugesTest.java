package dev.hangar.gateway.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalingPolicy;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.port.Runners;
import dev.hangar.gateway.testing.InMemoryFleet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The full pass reports the pool gauges dashboards and alarms read, as the demand-only pass does. */
class ScalingPassGaugesTest {
  static final Pool POOL = new Pool("linux", List.of("self-hosted", "linux"), 10, 0,
      List.of(new Tier("linux-warm", TierKind.WARM)));
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void queuedRunningAndDesiredAreReportedForThePool() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerRecorders recorders = new MicrometerRecorders(registry);
    MemoryLedger ledger = new MemoryLedger();
    ledger.apply("linux", job(1, JobStatus.QUEUED)).await(10, TimeUnit.SECONDS);
    ledger.apply("linux", job(2, JobStatus.QUEUED)).await(10, TimeUnit.SECONDS);
    InMemoryFleet fleet = new InMemoryFleet().group("linux-warm", 0, 10);
    Runners noRunners = new Runners() {
      @Override
      public Future<List<Runner>> listRunners() {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<Void> deleteRunner(long runnerId) {
        return Future.succeededFuture();
      }
    };
    ScalingPass pass = new ScalingPass(ledger, fleet, noRunners, new SpotInterruptions(), new ScalingPolicy(),
        recorders.scaling(), recorders.pools());

    pass.run(POOL, NOW).await(10, TimeUnit.SECONDS);

    assertEquals(2.0, registry.get("hangar.jobs.queued").tag("pool", "linux").gauge().value());
    assertEquals(0.0, registry.get("hangar.jobs.running").tag("pool", "linux").gauge().value());
    assertEquals((double) fleet.desired.get("linux-warm"),
        registry.get("hangar.scaling.desired").tag("pool", "linux").tag("tier", "linux-warm").gauge().value());
    assertEquals(true, fleet.desired.get("linux-warm") >= 2, "two queued jobs ask for capacity");
  }

  private static JobEvent job(long id, JobStatus status) {
    return new JobEvent(id, 9, 1, status, List.of("self-hosted", "linux"), "o/r", "o", "ci", "build",
        null, null, NOW.minusSeconds(30), null, null);
  }
}
