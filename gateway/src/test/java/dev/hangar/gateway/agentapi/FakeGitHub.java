package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A GitHub double for the runner endpoints the agent API uses, following GitHub's behaviour as
 * the adapter surfaces it: generate-jitconfig creates a runner, and when a runner of that name
 * exists already (GitHub's 409) replaces it if it is not busy and fails with {@link
 * RunnerBusyException} if it is (what the REST adapter does); deleting a busy runner is refused
 * (422 "runner is busy", surfaced as {@link RunnerBusyException}), deleting an unknown runner
 * succeeds (the adapter maps 404 to success). Records every call in order.
 */
class FakeGitHub implements GitHub {
  final Map<Long, Runner> runners = new ConcurrentHashMap<>();
  final Map<Long, String> jitConfigs = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(100);
  volatile String latest = "2.321.0";
  volatile boolean failJit;
  volatile boolean failLatest;
  /** When set, generate-jitconfig answers only once this completes (a slow GitHub). */
  volatile io.vertx.core.Future<Void> jitGate;

  @Override
  public Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder) {
    calls.add("generateJitConfig " + runnerName + " " + labels + " " + runnerGroupId + " " + workFolder);
    if (failJit) {
      return Future.failedFuture(new IllegalStateException("GitHub answered 502"));
    }
    for (Runner existing : List.copyOf(runners.values())) {
      if (existing.name().equals(runnerName)) {
        if (existing.busy()) {
          return Future.failedFuture(new RunnerBusyException(existing.id()));
        }
        runners.remove(existing.id());
      }
    }
    long id = ids.incrementAndGet();
    runners.put(id, new Runner(id, runnerName, "offline", false, List.copyOf(labels)));
    String encoded = "SECRET-JIT-" + id + "-eyJydW5uZXIiOiJ0ZXN0In0";
    jitConfigs.put(id, encoded);
    JitConfig config = new JitConfig(id, runnerName, encoded);
    var gate = jitGate;
    return gate == null ? Future.succeededFuture(config) : gate.map(config);
  }

  @Override
  public Future<List<Runner>> listRunners() {
    calls.add("listRunners");
    return Future.succeededFuture(new ArrayList<>(runners.values()));
  }

  @Override
  public Future<Void> deleteRunner(long runnerId) {
    calls.add("deleteRunner " + runnerId);
    Runner r = runners.get(runnerId);
    if (r != null && r.busy()) {
      return Future.failedFuture(new RunnerBusyException(runnerId));
    }
    runners.remove(runnerId);
    return Future.succeededFuture();
  }

  /** Marks the runner named {@code name} busy or idle, as GitHub does when it takes a job. */
  void setBusy(String name, boolean busy) {
    runners.replaceAll(
        (id, r) -> r.name().equals(name) ? new Runner(id, r.name(), "online", busy, r.labels()) : r);
  }

  /** GitHub removes an ephemeral runner once its one job is over. */
  void jobDone(String name) {
    runners.values().removeIf(r -> r.name().equals(name));
  }

  /** A runner registered outside this gateway process (e.g. through another replica). */
  long addRunner(String name) {
    long id = ids.incrementAndGet();
    runners.put(id, new Runner(id, name, "online", false, List.of("self-hosted")));
    return id;
  }

  @Override
  public Future<Long> runnerGroupId(String name) {
    calls.add("runnerGroupId " + name);
    return Future.succeededFuture(7L);
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<String> latestRunnerVersion() {
    calls.add("latestRunnerVersion");
    return failLatest
        ? Future.failedFuture(new IllegalStateException("GitHub answered 503"))
        : Future.succeededFuture(latest);
  }
}
