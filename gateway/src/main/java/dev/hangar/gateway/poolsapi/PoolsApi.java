package dev.hangar.gateway.poolsapi;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.domain.Pool;
import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.Tier;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.GroupState;
import dev.hangar.gateway.port.Fleet.InstanceInfo;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code GET /api/v1/pools}: the state of every pool as JSON — queued and running jobs from the
 * ledger, per tier the group's desired capacity, instances by lifecycle state and warm pool,
 * and the latest scaling plan when a pass has run. A tier whose group cannot be described is
 * reported with an {@code error} instead of failing the whole answer.
 */
public final class PoolsApi {
  private final List<Pool> pools;
  private final Ledger ledger;
  private final Fleet fleet;
  private final Function<String, ScalePlan> lastPlan;

  /** An API over the pools; {@code lastPlan} may return null (no pass yet). */
  public PoolsApi(List<Pool> pools, Ledger ledger, Fleet fleet, Function<String, ScalePlan> lastPlan) {
    this.pools = List.copyOf(pools);
    this.ledger = ledger;
    this.fleet = fleet;
    this.lastPlan = lastPlan == null ? p -> null : lastPlan;
  }

  /** Mounts the route. */
  public void mount(Router router) {
    router.get("/api/v1/pools").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    snapshot()
        .onSuccess(
            json ->
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(json.encode()))
        .onFailure(
            err ->
                ctx.response()
                    .setStatusCode(503)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "pool state unavailable").encode()));
  }

  /** The JSON document the route answers. */
  public Future<JsonObject> snapshot() {
    List<Future<JsonObject>> each = new ArrayList<>();
    for (Pool p : pools) {
      each.add(pool(p));
    }
    return Future.all(each)
        .map(
            all -> {
              JsonArray arr = new JsonArray();
              for (Future<JsonObject> f : each) {
                arr.add(f.result());
              }
              return new JsonObject().put("pools", arr);
            });
  }

  private Future<JsonObject> pool(Pool p) {
    Future<List<Job>> jobs = ledger.openJobs(p.name());
    List<Future<JsonObject>> tiers = new ArrayList<>();
    for (Tier t : p.tiers()) {
      tiers.add(tier(t));
    }
    List<Future<?>> all = new ArrayList<>(tiers);
    all.add(jobs);
    return Future.all(all)
        .map(
            v -> {
              int queued = 0;
              int running = 0;
              for (Job j : jobs.result()) {
                if (j.status() == JobStatus.QUEUED) {
                  queued++;
                } else if (j.status() == JobStatus.IN_PROGRESS) {
                  running++;
                }
              }
              JsonArray ts = new JsonArray();
              tiers.forEach(f -> ts.add(f.result()));
              JsonObject out =
                  new JsonObject()
                      .put("name", p.name())
                      .put("labels", new JsonArray(p.labels()))
                      .put("maxRunners", p.maxRunners())
                      .put("minIdle", p.minIdle())
                      .put("queuedJobs", queued)
                      .put("runningJobs", running)
                      .put("tiers", ts);
              ScalePlan plan = lastPlan.apply(p.name());
              if (plan != null) {
                out.put(
                    "plan",
                    new JsonObject()
                        .put("target", plan.target())
                        .put("minIdle", plan.minIdle())
                        .put("spotBreakerOpen", plan.spotBreakerOpen())
                        .put("retiring", plan.retire().size()));
              }
              return out;
            });
  }

  private Future<JsonObject> tier(Tier t) {
    JsonObject base =
        new JsonObject()
            .put("asg", t.asg())
            .put("kind", t.kind().name().toLowerCase())
            .put("weight", t.weight());
    return fleet
        .describe(t.asg())
        .map(g -> describe(base, g))
        .otherwise(err -> base.put("error", "group not readable: " + err.getClass().getSimpleName()));
  }

  private static JsonObject describe(JsonObject base, GroupState g) {
    Map<String, Integer> states = new TreeMap<>();
    for (InstanceInfo i : g.instances()) {
      states.merge(i.lifecycle().awsName(), 1, Integer::sum);
    }
    base.put("desiredCapacity", g.desiredCapacity())
        .put("minSize", g.minSize())
        .put("maxSize", g.maxSize())
        .put("instances", new JsonObject(new TreeMap<String, Object>(states)));
    if (g.warmPool() != null) {
      base.put(
          "warmPool",
          new JsonObject()
              .put("minSize", g.warmPool().minSize())
              .put("maxGroupPreparedCapacity", g.warmPool().maxGroupPreparedCapacity())
              .put("poolState", g.warmPool().poolState())
              .put("size", g.warmPool().size()));
    }
    return base;
  }
}
