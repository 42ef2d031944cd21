package dev.hangar.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.domain.TierKind;
import dev.hangar.gateway.ledger.MemoryLedger;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import dev.hangar.gateway.poolsapi.PoolsApi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/pools} over the in-memory ledger and the simulated fleet. */
@ExtendWith(VertxExtension.class)
class PoolsApiTest {
  private static final Instant T0 = Instant.parse("2026-01-07T10:00:00Z");

  @Test
  void answersJobsTiersInstancesAndThePlan(Vertx vertx, VertxTestContext test) {
    Pool pool =
        new Pool("linux", List.of("self-hosted", "linux"), 10, 1,
            List.of(new Tier("warm", TierKind.WARM), new Tier("spot", TierKind.SPOT)));
    SimAws fleet = new SimAws(new VirtualClock(T0), SimParams.defaults());
    fleet.addGroup("warm", "linux", false, 10, new WarmPoolSpec(3, 3, "Stopped"));
    fleet.addGroup("spot", "linux", true, 10, null);
    MemoryLedger ledger = new MemoryLedger();
    ScalePlan plan = new ScalePlan("linux", List.of(), List.of(), 4, 1, true);
    PoolsApi api = new PoolsApi(List.of(pool), ledger, fleet, p -> p.equals("linux") ? plan : null);
    Router router = Router.router(vertx);
    api.mount(router);
    ledger
        .apply("linux", queued(1))
        .compose(j -> ledger.apply("linux", queued(2)))
        .compose(j -> fleet.setDesiredCapacity("spot", 2))
        .compose(v -> vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"))
        .compose(
            server ->
                WebClient.create(vertx)
                    .get(server.actualPort(), "127.0.0.1", "/api/v1/pools")
                    .send())
        .onComplete(
            test.succeeding(
                resp ->
                    test.verify(
                        () -> {
                          assertEquals(200, resp.statusCode());
                          assertEquals("application/json", resp.getHeader("content-type"));
                          JsonObject p = resp.bodyAsJsonObject().getJsonArray("pools").getJsonObject(0);
                          assertEquals("linux", p.getString("name"));
                          assertEquals(2, p.getInteger("queuedJobs"));
                          assertEquals(0, p.getInteger("runningJobs"));
                          JsonObject warm = p.getJsonArray("tiers").getJsonObject(0);
                          assertEquals(3, warm.getJsonObject("instances").getInteger("Warmed:Stopped"));
                          assertEquals(3, warm.getJsonObject("warmPool").getInteger("size"));
                          JsonObject spot = p.getJsonArray("tiers").getJsonObject(1);
                          assertEquals(2, spot.getInteger("desiredCapacity"));
                          assertEquals(2, spot.getJsonObject("instances").getInteger("Pending"));
                          assertFalse(spot.containsKey("warmPool"));
                          assertTrue(p.getJsonObject("plan").getBoolean("spotBreakerOpen"));
                          test.completeNow();
                        })));
  }

  @Test
  void anUnreadableGroupIsReportedNotFatal(Vertx vertx, VertxTestContext test) {
    Pool pool = new Pool("linux", List.of("linux"), 10, 0, List.of(new Tier("missing", TierKind.SPOT)));
    SimAws fleet = new SimAws(new VirtualClock(T0), SimParams.defaults());
    new PoolsApi(List.of(pool), new MemoryLedger(), fleet, null)
        .snapshot()
        .onComplete(
            test.succeeding(
                json ->
                    test.verify(
                        () -> {
                          JsonObject tier =
                              json.getJsonArray("pools").getJsonObject(0).getJsonArray("tiers").getJsonObject(0);
                          assertTrue(tier.getString("error").startsWith("group not readable"));
                          assertFalse(json.getJsonArray("pools").getJsonObject(0).containsKey("plan"));
                          test.completeNow();
                        })));
  }

  private static JobEvent queued(long id) {
    return new JobEvent(id, id, 1, JobStatus.QUEUED, List.of("linux"), "acme/api", "acme", null, null,
        null, null, T0, null, null);
  }
}
