package dev.hangar.agent;

import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.gateway.GatewayClient;
import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.gateway.Registration;
import dev.hangar.agent.health.EmfWriter;
import dev.hangar.agent.health.HostFigures;
import dev.hangar.agent.imds.ImdsClient;
import dev.hangar.agent.imds.ImdsUnavailableException;
import dev.hangar.agent.json.Json;
import dev.hangar.agent.log.Log;
import dev.hangar.agent.runner.DiagReport;
import dev.hangar.agent.runner.DiagScanner;
import dev.hangar.agent.runner.HookEvent;
import dev.hangar.agent.runner.HookServer;
import dev.hangar.agent.runner.RunnerInstall;
import dev.hangar.agent.runner.RunnerProcess;
import dev.hangar.agent.runner.RunnerUpdater;
import dev.hangar.agent.runner.UserSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The on-instance agent: follows the ASG target lifecycle state (warm-up, in service,
 * termination), supervises the single-job runner, watches spot notices, sends health, and
 * retires its instance when its purpose is over (or shuts it down when the gateway is gone).
 * Decisions happen on one thread ({@link #run()}); pollers and hooks only enqueue {@link Signal}s.
 */
public final class Agent implements AutoCloseable {
  static final String LIFECYCLE_PATH = "/latest/meta-data/autoscaling/target-lifecycle-state";
  static final String SPOT_PATH = "/latest/meta-data/spot/instance-action";
  static final String REBALANCE_PATH = "/latest/meta-data/events/recommendations/rebalance";
  static final String IDENTITY_PATH = "/latest/dynamic/instance-identity/rsa2048";

  private final AgentConfig config;
  private final Log log;
  private final ImdsClient imds;
  private final GatewayClient gateway;
  private final UserSwitch user;
  private final RunnerInstall install;
  private final EmfWriter emf;
  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService scheduler;
  private final GatewayRetries retries;

  private volatile AgentState state = AgentState.STARTING;
  private volatile String instanceId = "";
  private volatile String runnerVersion = "unknown";
  private volatile boolean imdsFailing;
  private volatile Thread mainThread;
  private volatile boolean closed;
  private volatile HookServer hooks;
  private volatile RunnerProcess runner;
  private HookEvent currentJob;
  private boolean jobStarted;
  private boolean jobCompleted;
  private boolean drained;
  private boolean spotHandled;
  private boolean rebalanceHandled;
  private boolean terminationHandled;
  private volatile String lastLifecycle = "";

  public Agent(AgentConfig config, Log log) {
    this.config = config;
    this.log = log;
    this.imds = new ImdsClient(config.imdsUrl(), config.imdsTimeout(), config.imdsTokenTtl(),
        config.imdsTokenRefreshMargin(), System::nanoTime);
    this.gateway = new GatewayClient(config.gatewayUrl(), config.gatewayTimeout(), this::identityDocument);
    this.user = new UserSwitch(config.runnerUser(), config.switchUserCommand());
    this.install = new RunnerInstall(config.runnerDir(), user);
    this.emf = EmfWriter.to(config.emfFile());
    this.retries = new GatewayRetries(config, log, () -> closed);
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "agent-poller");
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true);
    this.scheduler = pool;
  }

  public AgentState state() {
    return state;
  }

  /** Runs until the instance is done with (retired, shut down) or {@link #close()} is called. */
  public void run() throws InterruptedException {
    mainThread = Thread.currentThread();
    try {
      // IMDS first: nothing else is worth doing (or paying start-up time for) before it answers.
      instanceId = imdsRequired("/latest/meta-data/instance-id").trim();
      log.instanceId(instanceId);
      log.info("hangar-agent started", "imds", config.imdsUrl().toString(), "gateway",
          config.gatewayUrl().toString());
      every(this::heartbeat, 0, config.heartbeatInterval().toMillis(),
          TimeUnit.MILLISECONDS);
      lastLifecycle = imdsRequired(LIFECYCLE_PATH).trim();
      every(this::pollLifecycle, config.lifecyclePollInterval().toMillis(),
          config.lifecyclePollInterval().toMillis(), TimeUnit.MILLISECONDS);
      follow(lastLifecycle);
    } catch (InterruptedException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  /** Acts on the lifecycle state, moving from warm-up to service to termination as it changes. */
  private void follow(String lifecycle) throws InterruptedException {
    while (!closed) {
      if (isTermination(lifecycle)) {
        terminate();
        idleUntilGone();
        return;
      }
      if (lifecycle.startsWith("Warmed:")) {
        warmUp();
        lifecycle = waitForLifecycleChange(lifecycle);
        continue;
      }
      if (lifecycle.equals("InService")) {
        serve();
        return;
      }
      log.info("waiting for a lifecycle state to act on", "lifecycleState", lifecycle);
      lifecycle = waitForLifecycleChange(lifecycle);
    }
  }

  static boolean isTermination(String lifecycle) {
    return lifecycle.equals("Terminated") || lifecycle.equals("Warmed:Terminated");
  }

  // ---- warm pool ----------------------------------------------------------------------------

  private void warmUp() throws InterruptedException {
    state = AgentState.WARMING_UP;
    Path marker = config.stateDir().resolve("warmup-done");
    boolean ok = true;
    if (Files.exists(marker)) {
      log.info("warm-up already done on this instance", "lifecycleState", lastLifecycle);
    } else {
      ok = runWarmupScript();
      if (ok) {
        try {
          Files.createDirectories(config.stateDir());
          Files.writeString(marker, Instant.now().toString());
        } catch (IOException e) {
          log.warn("cannot write warm-up marker", "path", marker.toString(), "error", e.getMessage());
        }
      }
    }
    String result = ok ? "CONTINUE" : "ABANDON";
    if (ok) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("type", "warm-up-done");
      retries.bestEffort("warm-up-done event", () -> gateway.event(event));
    }
    boolean completed = retries.untilDeadline(config.registerDeadline(), "launch lifecycle action", () -> {
      gateway.lifecycle("launch", result);
      return true;
    }).isPresent();
    state = AgentState.WARMED;
    log.info(completed ? "launch lifecycle action completed; waiting for the ASG to stop or start us"
        : "could not complete the launch lifecycle action; the hook timeout decides", "result", result);
  }

  private boolean runWarmupScript() throws InterruptedException {
    if (config.warmupScript().isEmpty()) {
      log.info("no warm-up script configured");
      return true;
    }
    return Commands.runScript(config.warmupScript().get(), config.warmupTimeout(), log);
  }

  /** Waits for the lifecycle poller to report a state other than {@code from}. */
  private String waitForLifecycleChange(String from) throws InterruptedException {
    String now = lastLifecycle;
    while (!closed && now.equals(from)) {
      Signal s = signals.take();
      if (s instanceof Signal.Lifecycle l) {
        now = l.state();
      }
    }
    return now;
  }

  // ---- in service ---------------------------------------------------------------------------

  private void serve() throws InterruptedException {
    state = AgentState.REGISTERING;
    every(this::pollSpot, 0, config.spotPollInterval().toMillis(), TimeUnit.MILLISECONDS);
    try {
      runnerVersion = install.installedVersion();
    } catch (IOException e) {
      log.error("cannot read the installed runner version", "error", e.getMessage());
      retire("runner-missing");
      idleUntilGone();
      return;
    }
    Optional<Registration> registration;
    try {
      registration = retries.untilDeadlineOrThrow(config.registerDeadline(), "register", this::registerOnce);
    } catch (GatewayException e) {
      if (e.status() == 409) {
        // A registration exists for this launch (the agent restarted): its JIT config is gone.
        log.warn("gateway says this instance registered before; retiring it", "reason", e.reason());
        retire("registered-before-restart");
      } else {
        log.error("gateway refused registration", "status", e.status(), "reason", e.reason());
        shutdown("registration refused");
      }
      idleUntilGone();
      return;
    }
    if (registration.isEmpty()) {
      shutdown("gateway unreachable for registration");
      idleUntilGone();
      return;
    }
    Registration reg = registration.get();
    log.secret(reg.jitConfig());
    log.info("registered", "runnerName", reg.runnerName(), "runnerVersion", runnerVersion,
        "requiredRunnerVersion", reg.requiredRunnerVersion());
    updateRunnerIfRequired(reg);
    try {
      hooks = HookServer.start(config.hooksDir(), user, e -> signals.add(new Signal.Hook(e)));
      runner = RunnerProcess.start(install, user, reg.jitConfig(), hooks, log,
          () -> signals.add(new Signal.RunnerExited()));
      if (closed) {
        // Stopped while starting it: close() may have looked before the runner existed.
        runner.kill();
        hooks.close();
        return;
      }
    } catch (IOException e) {
      log.error("cannot start the runner", "error", e.getMessage());
      retire("runner-start-failed");
      idleUntilGone();
      return;
    }
    state = AgentState.IDLE;
    log.info("runner started", "runnerVersion", runnerVersion, "pid", runner.pid());
    supervise();
  }

  private Registration registerOnce() throws GatewayException, InterruptedException {
    try {
      return gateway.register(runnerVersion);
    } catch (GatewayException e) {
      if (e.status() == 409 && e.reason().contains("not in service")) {
        // A launch lifecycle hook holds the instance in Pending:Wait: complete it, then retry.
        try {
          gateway.lifecycle("launch", "CONTINUE");
          log.info("completed the pending launch lifecycle action before registering");
        } catch (GatewayException refused) {
          log.warn("launch lifecycle action not completed", "error", refused.getMessage());
        }
        throw new GatewayException(503, "instance not in service yet");
      }
      throw e;
    }
  }

  private void updateRunnerIfRequired(Registration reg) throws InterruptedException {
    String required = reg.requiredRunnerVersion();
    if (required.isEmpty() || RunnerInstall.compare(runnerVersion, required) >= 0) {
      return;
    }
    if (reg.runnerDownload().isEmpty()) {
      log.warn("gateway requires a newer runner but gave no download", "runnerVersion", runnerVersion,
          "requiredRunnerVersion", required);
      return;
    }
    state = AgentState.UPDATING;
    log.info("updating runner", "from", runnerVersion, "to", required,
        "url", reg.runnerDownload().get().url().toString());
    try {
      new RunnerUpdater(install, user, config.gatewayTimeout(), log).install(required, reg.runnerDownload().get());
      runnerVersion = install.installedVersion();
    } catch (RunnerUpdater.UpdateFailedException e) {
      // The installed runner stays; GitHub still serves runners up to 30 days behind.
      log.error("runner update failed", "error", e.getMessage(), "runnerVersion", runnerVersion);
    } catch (IOException e) {
      log.error("updated runner does not report its version", "error", e.getMessage());
    }
  }

  /** The decision loop while the runner lives. */
  private void supervise() throws InterruptedException {
    while (!closed) {
      Signal signal = signals.take();
      if (signal instanceof Signal.Hook h) {
        onHook(h.event());
      } else if (signal instanceof Signal.RunnerExited || signal instanceof Signal.RunnerExitOverdue) {
        if (signal instanceof Signal.RunnerExitOverdue && runner.alive()) {
          log.warn("runner still running after its job; stopping it");
          runner.kill();
        }
        if (finishRunner()) {
          break;
        }
      } else if (signal instanceof Signal.SpotNotice s) {
        if (onSpot(s)) {
          break;
        }
      } else if (signal instanceof Signal.Rebalance r) {
        if (onRebalance(r)) {
          break;
        }
      } else if (signal instanceof Signal.Drain) {
        drainRunner();
      } else if (signal instanceof Signal.Lifecycle l && isTermination(l.state())) {
        terminate();
        break;
      }
    }
    idleUntilGone();
  }

  private void onHook(HookEvent e) throws InterruptedException {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", e.hook());
    putJob(event, e);
    if (e.started()) {
      jobStarted = true;
      currentJob = e;
      if (state == AgentState.IDLE) {
        state = AgentState.BUSY;
      }
      log.info("job started", "repository", e.repository(), "workflow", e.workflow(), "jobName", e.jobName(),
          "runId", e.runId());
      retries.bestEffort("job-started event", () -> gateway.event(event));
    } else {
      jobCompleted = true;
      log.info("job completed hook", "repository", e.repository(), "jobName", e.jobName(), "runId", e.runId());
      later(() -> signals.add(new Signal.RunnerExitOverdue()), config.runnerExitGrace().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private static void putJob(Map<String, Object> event, HookEvent e) {
    if (e == null) {
      return;
    }
    putIfPresent(event, "repository", e.repository());
    putIfPresent(event, "workflow", e.workflow());
    putIfPresent(event, "jobName", e.jobName());
    if (e.runId() != null && e.runId().matches("\\d{1,18}")) {
      event.put("runId", Long.parseLong(e.runId()));
    }
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  /** The runner is gone (or overdue): decide from hooks and _diag, report, retire. */
  private boolean finishRunner() throws InterruptedException {
    if (runner.alive()) {
      return false;
    }
    DiagReport diag = DiagScanner.scan(install.home());
    boolean ranJob = jobStarted || diag.jobName().isPresent();
    String conclusion = diag.conclusion().orElse(drained ? "cancelled" : jobCompleted ? "unknown" : "cancelled");
    if (ranJob) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("type", "job-completed");
      putJob(event, currentJob);
      if (currentJob == null) {
        diag.jobName().ifPresent(n -> event.put("jobName", n));
      }
      event.put("conclusion", conclusion);
      log.info("runner finished its job", "conclusion", conclusion, "hookCompleted", jobCompleted);
      retries.bestEffort("job-completed event", () -> gateway.event(event));
      retire(drained ? "spot-interruption" : "job-completed");
    } else {
      log.warn("runner exited without running a job", "diagError", diag.error().orElse("none"),
          "listening", diag.listening());
      retire("runner-exited");
    }
    return state != AgentState.BUSY && state != AgentState.IDLE;
  }

  private boolean onSpot(Signal.SpotNotice s) throws InterruptedException {
    if (spotHandled) {
      return false;
    }
    spotHandled = true;
    noticeJobFromDiagnostics();
    log.warn("spot interruption notice", "action", s.action(), "deadline", s.time(), "busy", jobStarted);
    if (!jobStarted) {
      retire("spot-interruption");
      if (isDone() || !jobStarted) {
        return isDone();
      }
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "spot-interruption");
    putJob(event, currentJob);
    event.put("deadline", s.time());
    retries.bestEffort("spot-interruption event", () -> gateway.event(event));
    state = AgentState.DRAINING;
    long delay = 0;
    try {
      Instant stopAt = Instant.parse(s.time()).minus(config.spotStopLead());
      delay = Math.max(0, Duration.between(Instant.now(), stopAt).toMillis());
    } catch (DateTimeParseException e) {
      log.warn("spot notice time unreadable; stopping the runner now", "time", s.time());
    }
    later(() -> signals.add(new Signal.Drain()), delay, TimeUnit.MILLISECONDS);
    return false;
  }

  private boolean onRebalance(Signal.Rebalance r) throws InterruptedException {
    if (rebalanceHandled) {
      return false;
    }
    rebalanceHandled = true;
    noticeJobFromDiagnostics();
    log.warn("rebalance recommendation", "noticeTime", r.noticeTime(), "busy", jobStarted);
    if (!jobStarted) {
      retire("rebalance");
      return isDone();
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "rebalance");
    putJob(event, currentJob);
    retries.bestEffort("rebalance event", () -> gateway.event(event));
    return false;
  }

  /**
   * A hook that never arrived (curl missing, agent restarting) must not make a busy runner look
   * idle: the runner's own diagnostics saying a job runs count as much as the hook.
   */
  private void noticeJobFromDiagnostics() {
    if (jobStarted || runner == null || !runner.alive()) {
      return;
    }
    DiagReport diag = DiagScanner.scan(install.home());
    if (diag.jobName().isPresent() && diag.result().isEmpty()) {
      log.warn("runner diagnostics show a running job the hooks did not report", "jobName", diag.jobName().get());
      jobStarted = true;
      state = AgentState.BUSY;
    }
  }

  private void drainRunner() throws InterruptedException {
    if (runner == null || !runner.alive()) {
      return;
    }
    drained = true;
    log.warn("stopping the busy runner before the spot deadline so its job ends as cancelled");
    try {
      runner.interrupt();
    } catch (IOException e) {
      runner.kill();
    }
    later(() -> signals.add(new Signal.RunnerExitOverdue()), config.spotStopLead().toMillis() / 2,
        TimeUnit.MILLISECONDS);
  }

  private boolean isDone() {
    return state == AgentState.RETIRED || state == AgentState.SHUTTING_DOWN;
  }

  // ---- termination --------------------------------------------------------------------------

  private void terminate() throws InterruptedException {
    if (terminationHandled) {
      return;
    }
    terminationHandled = true;
    AgentState before = state;
    state = AgentState.TERMINATING;
    log.warn("instance is terminating", "lifecycleState", lastLifecycle);
    if (runner != null && runner.alive()) {
      try {
        runner.interrupt();
      } catch (IOException e) {
        runner.kill();
      }
      long until = System.nanoTime() + config.runnerExitGrace().toNanos();
      while (runner.alive() && System.nanoTime() - until < 0) {
        Signal s = signals.poll(50, TimeUnit.MILLISECONDS);
        if (s instanceof Signal.Hook h && !h.event().started()) {
          jobCompleted = true;
        }
      }
      runner.kill();
    }
    if (before != AgentState.RETIRED && before != AgentState.SHUTTING_DOWN) {
      // Deregister: the gateway deletes the GitHub runner (nothing left registered).
      retries.bestEffort("deregister", () -> gateway.retire("instance-terminating"));
    }
    boolean completed = retries.untilDeadline(config.retireDeadline(), "termination lifecycle action", () -> {
      gateway.lifecycle("termination", "CONTINUE");
      return true;
    }).isPresent();
    state = AgentState.TERMINATING;
    log.info(completed ? "termination lifecycle action completed"
        : "could not complete the termination lifecycle action; the hook timeout decides");
  }

  // ---- retire and shutdown ------------------------------------------------------------------

  /**
   * Asks the gateway to retire this instance, retrying until {@code retire.deadline}; past it (or
   * when the gateway refuses outright) the instance shuts itself down. A "runner busy" answer
   * while the runner still lives returns to supervision.
   */
  private void retire(String reason) throws InterruptedException {
    AgentState before = state;
    state = AgentState.RETIRING;
    log.info("asking the gateway to retire this instance", "reason", reason);
    long deadline = System.nanoTime() + config.retireDeadline().toNanos();
    Backoff backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    while (!closed) {
      try {
        if (gateway.retire(reason)) {
          state = AgentState.RETIRED;
          log.info("retired", "reason", reason);
          stopRunnerQuietly();
          later(() -> {
            if (state == AgentState.RETIRED) {
              shutdownQuietly("still running " + config.retireDeadline() + " after retirement");
            }
          }, config.retireDeadline().toMillis(), TimeUnit.MILLISECONDS);
          return;
        }
        if (runner != null && runner.alive()) {
          log.warn("gateway says the runner is busy; keeping it", "reason", reason);
          state = before == AgentState.DRAINING ? before : AgentState.BUSY;
          jobStarted = true;
          return;
        }
        log.warn("gateway says the runner is busy although it exited; retrying", "reason", reason);
      } catch (GatewayException e) {
        if (!e.retryable()) {
          log.error("gateway refused retirement", "status", e.status(), "reason", e.reason());
          shutdown("retirement refused");
          return;
        }
        log.warn("retire failed; retrying", "error", e.getMessage());
      }
      if (System.nanoTime() - deadline >= 0) {
        log.error("gateway unreachable for retirement within the deadline",
            "deadlineMs", config.retireDeadline().toMillis());
        shutdown("gateway unreachable for retirement");
        return;
      }
      backoff.pause();
    }
  }

  private void stopRunnerQuietly() throws InterruptedException {
    if (runner != null && runner.alive()) {
      try {
        runner.interrupt();
      } catch (IOException e) {
        runner.kill();
      }
    }
  }

  private void shutdownQuietly(String why) {
    try {
      shutdown(why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the configured shutdown command (launch templates make that a termination). */
  private synchronized void shutdown(String why) throws InterruptedException {
    if (state == AgentState.SHUTTING_DOWN) {
      return;
    }
    state = AgentState.SHUTTING_DOWN;
    log.error("shutting the instance down", "why", why, "command", config.shutdownCommand());
    if (runner != null) {
      runner.kill();
    }
    Commands.shutdown(config.shutdownCommand(), log);
  }

  /** Nothing left to do but answer a termination notice until the instance goes away. */
  private void idleUntilGone() throws InterruptedException {
    while (!closed) {
      Signal s = signals.take();
      if (s instanceof Signal.Lifecycle l && isTermination(l.state()) && !terminationHandled) {
        terminate();
      }
    }
  }

  // ---- pollers (scheduler threads) -----------------------------------------------------------

  private void pollSpot() {
    if (spotHandled && rebalanceHandled) {
      return;
    }
    try {
      if (!spotHandled) {
        imds.get(SPOT_PATH).ifPresent(body -> {
          Map<String, Object> notice = parseQuiet(body);
          signals.add(new Signal.SpotNotice(String.valueOf(notice.getOrDefault("action", "terminate")),
              String.valueOf(notice.getOrDefault("time", ""))));
        });
      }
      if (!rebalanceHandled) {
        imds.get(REBALANCE_PATH).ifPresent(body ->
            signals.add(new Signal.Rebalance(String.valueOf(parseQuiet(body).getOrDefault("noticeTime", "")))));
      }
      imdsRecovered();
    } catch (ImdsUnavailableException e) {
      imdsFailed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollLifecycle() {
    try {
      imds.get(LIFECYCLE_PATH).map(String::trim).ifPresent(now -> {
        if (!now.equals(lastLifecycle)) {
          log.info("lifecycle state changed", "from", lastLifecycle, "to", now);
          lastLifecycle = now;
          signals.add(new Signal.Lifecycle(now));
        }
      });
      imdsRecovered();
    } catch (ImdsUnavailableException e) {
      imdsFailed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void heartbeat() {
    try {
      HostFigures f = HostFigures.read(Files.exists(config.runnerDir()) ? config.runnerDir() : Path.of("/"));
      AgentState s = state;
      emf.write(EmfWriter.line(System.currentTimeMillis(), config.pool(), instanceId, s.wire(), runnerVersion, f,
          s == AgentState.BUSY || s == AgentState.DRAINING));
      if (gateway.session().isEmpty() || s == AgentState.RETIRED || s == AgentState.SHUTTING_DOWN
          || s == AgentState.TERMINATING) {
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("state", s.wire());
      body.put("runnerVersion", runnerVersion);
      if (f.diskFreeBytes() >= 0) {
        body.put("diskFreeBytes", f.diskFreeBytes());
      }
      if (f.memAvailableBytes() >= 0) {
        body.put("memAvailableBytes", f.memAvailableBytes());
      }
      if (f.load1() >= 0) {
        body.put("load1", f.load1());
      }
      gateway.heartbeat(body);
    } catch (GatewayException e) {
      log.warn("heartbeat failed", "error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("heartbeat error", "error", e.toString());
    }
  }

  private static Map<String, Object> parseQuiet(String body) {
    try {
      return Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  private void imdsFailed(ImdsUnavailableException e) {
    if (!imdsFailing) {
      imdsFailing = true;
      log.error("IMDS unavailable; polling continues", "error", e.getMessage());
    }
  }

  private void imdsRecovered() {
    if (imdsFailing) {
      imdsFailing = false;
      log.info("IMDS reachable again");
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Reads an IMDS path that must exist, retrying with backoff while IMDS is slow or down. */
  private String imdsRequired(String path) throws InterruptedException {
    Backoff backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    while (true) {
      try {
        Optional<String> value = imds.get(path);
        if (value.isPresent()) {
          imdsRecovered();
          return value.get();
        }
        log.warn("IMDS has no " + path + " yet; retrying");
      } catch (ImdsUnavailableException e) {
        imdsFailing = true;
        log.error("IMDS unavailable; retrying with backoff", "error", e.getMessage());
      }
      backoff.pause();
    }
  }

  private String identityDocument() throws Exception {
    return imds.get(IDENTITY_PATH).orElseThrow(() -> new IOException("IMDS has no " + IDENTITY_PATH));
  }

  private void every(Runnable task, long initialMs, long periodMs, TimeUnit unit) {
    try {
      scheduler.scheduleWithFixedDelay(task, initialMs, periodMs, unit);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closing: nothing more to schedule.
    }
  }

  private void later(Runnable task, long delayMs, TimeUnit unit) {
    try {
      scheduler.schedule(task, delayMs, unit);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closing: nothing more to schedule.
    }
  }

  /** Stops pollers, the hook endpoint and the runner (used on service stop and by tests). */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    if (runner != null) {
      runner.kill();
    }
    if (hooks != null) {
      hooks.close();
    }
    Thread t = mainThread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }
}
