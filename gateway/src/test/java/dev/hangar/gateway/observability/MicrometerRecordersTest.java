package dev.hangar.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Micrometer recorders register the catalogued meters, each recorder once per registry. */
class MicrometerRecordersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerRecorders recorders = new MicrometerRecorders(registry);

  @Test
  void aRecorderIsMadeOnceSoItsGaugesKeepOneOwner() {
    assertSame(recorders.pools(), recorders.pools());
    recorders.pools().jobs("linux", 3, 1);
    recorders.pools().jobs("linux", 5, 2);
    assertEquals(5.0, registry.get("hangar.jobs.queued").tag("pool", "linux").gauge().value());
    assertEquals(2.0, registry.get("hangar.jobs.running").tag("pool", "linux").gauge().value());
  }

  @Test
  void scalingPassMeters() {
    ScalingMetrics scaling = recorders.scaling();
    scaling.launched("linux", "hangar-linux-warm", 3);
    scaling.retired("linux", "idle");
    scaling.spotBreaker("linux", true);
    scaling.pickup("linux", Duration.ofSeconds(40));
    assertEquals(3.0, registry.get("hangar.runners.launched").tags("pool", "linux", "tier", "hangar-linux-warm")
        .counter().count());
    assertEquals(1.0, registry.get("hangar.runners.retired").tags("pool", "linux", "reason", "idle").counter().count());
    assertEquals(1.0, registry.get("hangar.spot.breaker.open").tag("pool", "linux").gauge().value());
    scaling.spotBreaker("linux", false);
    assertEquals(0.0, registry.get("hangar.spot.breaker.open").tag("pool", "linux").gauge().value());
    assertEquals(40.0, registry.get("hangar.job.pickup.seconds").tag("pool", "linux").timer()
        .totalTime(TimeUnit.SECONDS));
  }

  @Test
  void rateLimitGaugeReadsTheBucketWhenScraped() {
    AtomicLong remaining = new AtomicLong(-1);
    recorders.github().rateLimitBucket("core", remaining::get);
    System.gc(); // the gauge holds its supplier strongly
    remaining.set(4999);
    assertEquals(4999.0, registry.get("hangar.github.ratelimit.remaining").tag("resource", "core").gauge().value());
  }
}
