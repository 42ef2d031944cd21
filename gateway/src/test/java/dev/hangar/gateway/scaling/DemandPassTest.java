package dev.hangar.gateway.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.domain.DemandPolicy;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.fleet.AwsFleet;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.observability.PoolGauges;
import dev.hangar.gateway.testing.MotoAws;
import dev.hangar.gateway.testing.MotoGroups;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.RecordingFleet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/** The demand pass against moto's Auto Scaling: ledger counts become desired capacity. */
class DemandPassTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static Vertx vertx;
  static AwsClients aws;
  static AutoScalingAsyncClient autoscaling;
  static Ec2AsyncClient ec2;

  MemoryLedger ledger;
  RecordingFleet fleet;
  Map<String, Long> gauges;
  DemandPass pass;

  @BeforeAll
  static void clients() {
    vertx = Vertx.vertx();
    aws = MotoAws.clients();
    autoscaling = aws.autoScaling();
    ec2 = aws.ec2();
  }

  @AfterAll
  static void close() throws Exception {
    autoscaling.close();
    ec2.close();
    aws.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void setUp() {
    MotoPeer.reset();
    MotoGroups.create(ec2, autoscaling, "linux-warm", 0, 4);
    MotoGroups.create(ec2, autoscaling, "linux-spot", 0, 10);
    ledger = new MemoryLedger();
    fleet = new RecordingFleet(new AwsFleet(vertx, autoscaling, ec2));
    gauges = new ConcurrentHashMap<>();
    pass = new DemandPass(ledger, fleet, new DemandPolicy()::plan, new PoolGauges() {
      @Override
      public void jobs(String pool, long queued, long running) {
        gauges.put("queued " + pool, queued);
        gauges.put("running " + pool, running);
      }

      @Override
      public void desired(String pool, String tier, long desired) {
        gauges.put("desired " + pool + " " + tier, desired);
      }
    });
  }

  static Pool pool(int maxRunners, int minIdle) {
    return new Pool(
        "linux", List.of("self-hosted", "linux"), maxRunners, minIdle,
        List.of(new Tier("linux-warm", TierKind.WARM), new Tier("linux-spot", TierKind.SPOT)));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  void job(long id, JobStatus status) throws Exception {
    await(ledger.apply("linux", new JobEvent(id, 1, 1, status, List.of("self-hosted"), "o/r", "o",
        null, null, null, null, NOW, null, null)));
  }

  int desired(String asg) throws Exception {
    return await(fleet.describe(asg)).desiredCapacity();
  }

  @Test
  void queuedAndRunningJobsRaiseTheFirstTier() throws Exception {
    job(1, JobStatus.QUEUED);
    job(2, JobStatus.QUEUED);
    job(3, JobStatus.IN_PROGRESS);
    job(4, JobStatus.WAITING);
    job(5, JobStatus.COMPLETED);
    await(pass.run(pool(10, 0), NOW));
    assertEquals(3, desired("linux-warm"));
    assertEquals(0, desired("linux-spot"));
    assertEquals(List.of("setDesiredCapacity linux-warm 3"), fleet.calls);
    assertEquals(2L, gauges.get("queued linux"));
    assertEquals(1L, gauges.get("running linux"));
    assertEquals(3L, gauges.get("desired linux linux-warm"));
  }

  @Test
  void anUnchangedPlanMakesNoCall() throws Exception {
    job(1, JobStatus.QUEUED);
    await(pass.run(pool(10, 0), NOW));
    await(pass.run(pool(10, 0), NOW));
    assertEquals(List.of("setDesiredCapacity linux-warm 1"), fleet.calls);
  }

  @Test
  void theGroupsMaximumAndMaxRunnersBoundTheDesiredCapacity() throws Exception {
    for (int i = 0; i < 8; i++) {
      job(100 + i, JobStatus.QUEUED);
    }
    await(pass.run(pool(10, 0), NOW));
    assertEquals(4, desired("linux-warm"));
    assertEquals(4L, gauges.get("desired linux linux-warm"));
    await(pass.run(pool(2, 0), NOW));
    assertEquals(2, desired("linux-warm"));
  }

  @Test
  void completedJobsBringDemandDownToMinIdle() throws Exception {
    job(1, JobStatus.QUEUED);
    job(2, JobStatus.QUEUED);
    await(pass.run(pool(10, 1), NOW));
    assertEquals(3, desired("linux-warm"));
    job(1, JobStatus.COMPLETED);
    job(2, JobStatus.COMPLETED);
    await(pass.run(pool(10, 1), NOW));
    assertEquals(1, desired("linux-warm"));
    assertEquals(0L, gauges.get("queued linux"));
  }
}
