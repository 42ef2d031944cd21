package dev.hangar.local.sim;

import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.port.GitHub;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulated GitHub Actions behind the {@link GitHub} port: a queued job is taken by any idle
 * online runner whose labels contain all the job's labels (oldest queued job first, not
 * necessarily by the runner launched for it), after a dispatch latency; jobs run for their
 * trace duration; an ephemeral runner leaves GitHub after its one job; GitHub refuses to delete
 * a busy runner. Everything completes synchronously on the virtual clock.
 */
public final class SimGitHub implements GitHub {
  private final VirtualClock clock;
  private final SimParams params;
  private final LinkedList<SimJob> queued = new LinkedList<>();
  private final LinkedHashSet<SimRunner> idle = new LinkedHashSet<>();
  private final Map<Long, SimRunner> runners = new HashMap<>();
  private final Map<Long, SimJob> jobs = new HashMap<>();
  private final List<JobListener> listeners = new ArrayList<>();
  private List<Runner> runnerView;
  private long nextRunnerId = 1;

  /** Hears about job status changes (the webhooks GitHub would send). */
  public interface JobListener {
    /** The job moved to {@code status}. */
    void onJob(SimJob job, JobStatus status);

    /** The job's runner disappeared while it ran (the job failed). */
    default void onJobLost(SimJob job) {}
  }

  /** A registered runner. */
  static final class SimRunner {
    final long id;
    final String name;
    final Set<String> labels;
    final List<String> labelList;
    final boolean ephemeral;
    final SimInstance instance;
    SimJob job;
    boolean busy;
    long idleSinceMs;

    SimRunner(long id, String name, List<String> labels, boolean ephemeral, SimInstance instance) {
      this.id = id;
      this.name = name;
      this.labelList = List.copyOf(labels);
      this.labels = Labels.normalize(labels);
      this.ephemeral = ephemeral;
      this.instance = instance;
    }
  }

  SimGitHub(VirtualClock clock, SimParams params) {
    this.clock = clock;
    this.params = params;
  }

  void listen(JobListener l) {
    listeners.add(l);
  }

  int queuedCount() {
    return queued.size();
  }

  Iterable<SimJob> queuedJobs() {
    return queued;
  }

  /** A new job attempt is queued (the {@code queued} webhook). */
  void enqueue(SimJob job) {
    jobs.put(job.jobId, job);
    emit(job, JobStatus.QUEUED);
    for (SimRunner r : idle) {
      if (r.labels.containsAll(job.labels)) {
        assign(r, job);
        return;
      }
    }
    queued.addLast(job);
  }

  /** The runner of an instance comes online. */
  SimRunner register(SimInstance instance, List<String> labels, boolean ephemeral) {
    SimRunner r = new SimRunner(nextRunnerId++, instance.id, labels, ephemeral, instance);
    instance.runner = r;
    runners.put(r.id, r);
    runnerView = null;
    becomeIdle(r);
    return r;
  }

  /** The runner's machine is gone: the runner goes offline and its job, if any, fails. */
  void lose(SimRunner r) {
    if (runners.remove(r.id) == null) {
      return;
    }
    runnerView = null;
    idle.remove(r);
    SimJob job = r.job;
    r.job = null;
    r.busy = false;
    if (job != null) {
      if (job.startedMs < 0) {
        job.runner = null;
        queued.addFirst(job); // dispatched but never started: GitHub hands it out again
        return;
      }
      job.failed = true;
      job.completedMs = clock.nowMs();
      jobs.remove(job.jobId);
      emit(job, JobStatus.COMPLETED);
      for (JobListener l : listeners) {
        l.onJobLost(job);
      }
    }
  }

  private void becomeIdle(SimRunner r) {
    Iterator<SimJob> it = queued.iterator();
    while (it.hasNext()) {
      SimJob job = it.next();
      if (r.labels.containsAll(job.labels)) {
        it.remove();
        assign(r, job);
        return;
      }
    }
    r.idleSinceMs = clock.nowMs();
    idle.add(r);
  }

  private void assign(SimRunner r, SimJob job) {
    idle.remove(r);
    r.busy = true;
    r.job = job;
    job.runner = r;
    runnerView = null;
    clock.after(
        params.dispatchSeconds(),
        () -> {
          if (r.job != job || !runners.containsKey(r.id)) {
            return;
          }
          job.startedMs = clock.nowMs();
          emit(job, JobStatus.IN_PROGRESS);
          clock.after(job.trace.durationSeconds(), () -> complete(r, job));
        });
  }

  private void complete(SimRunner r, SimJob job) {
    if (r.job != job || !runners.containsKey(r.id)) {
      return;
    }
    job.completedMs = clock.nowMs();
    jobs.remove(job.jobId);
    r.job = null;
    r.busy = false;
    runnerView = null;
    if (r.ephemeral) {
      runners.remove(r.id); // an ephemeral runner unregisters after its one job
      r.instance.runner = null;
    }
    emit(job, JobStatus.COMPLETED);
    if (!r.ephemeral) {
      becomeIdle(r);
    }
  }

  private void emit(SimJob job, JobStatus status) {
    for (JobListener l : listeners) {
      l.onJob(job, status);
    }
  }

  // ---- GitHub port ----

  @Override
  public Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder) {
    return Future.succeededFuture(new JitConfig(nextRunnerId, runnerName, "simulated"));
  }

  @Override
  public Future<List<Runner>> listRunners() {
    if (runnerView == null) {
      List<Runner> out = new ArrayList<>(runners.size());
      for (SimRunner r : runners.values()) {
        out.add(new Runner(r.id, r.name, "online", r.busy, r.labelList));
      }
      runnerView = out;
    }
    return Future.succeededFuture(runnerView);
  }

  @Override
  public Future<Void> deleteRunner(long runnerId) {
    SimRunner r = runners.get(runnerId);
    if (r == null) {
      return Future.succeededFuture();
    }
    if (r.busy) {
      return Future.failedFuture(new RunnerBusyException(runnerId));
    }
    runners.remove(runnerId);
    idle.remove(r);
    r.instance.runner = null;
    runnerView = null;
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> runnerGroupId(String name) {
    return Future.succeededFuture(1L);
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    SimJob j = jobs.get(jobId);
    if (j == null) {
      return Future.failedFuture(new java.util.NoSuchElementException("job " + jobId));
    }
    String status = j.startedMs < 0 ? "queued" : "in_progress";
    return Future.succeededFuture(
        new JobSnapshot(
            j.jobId, j.jobId, status, null, List.copyOf(j.trace.labels()),
            j.runner == null ? null : j.runner.name, Instant.ofEpochMilli(j.queuedMs),
            j.startedMs < 0 ? null : Instant.ofEpochMilli(j.startedMs), null));
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Delivery>> deliveriesSince(Instant since) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Void> redeliver(long deliveryId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<String> latestRunnerVersion() {
    return Future.succeededFuture("2.321.0");
  }
}
