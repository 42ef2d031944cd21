package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.observability.AgentMetrics;
import dev.hangar.gateway.observability.LogContext;
import dev.hangar.gateway.agentapi.AgentRequests.RegisterRequest;
import dev.hangar.gateway.agentapi.AgentRequests.SessionRequest;
import dev.hangar.gateway.agentapi.ManagedInstances.Managed;
import dev.hangar.gateway.port.RunnerRegistration;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.Runners;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code session} and {@code register}: an instance proves who it is with its signed identity
 * document; a managed instance gets a session and, in service, one JIT runner per job its pool
 * allows a launch ({@code maxJobsPerRunner}, 1 by default), each registration number once.
 */
final class Enrolment {
  private static final Logger LOG = LoggerFactory.getLogger(Enrolment.class);
  static final long DEFAULT_RUNNER_GROUP_ID = 1;
  static final String WORK_FOLDER = "_work";
  private static final String SESSION = "agent session";
  private static final String REGISTRATION = "runner registration";

  private final IdentityVerifier verifier;
  private final String region;
  private final String accountId;
  private final String runnerGroup;
  private final AgentContext context;
  private final Ledger ledger;
  private final RunnerRegistration github;
  private final RunnerVersions versions;
  private final SessionTokens tokens;
  private Future<Long> runnerGroupId;
  private final UndeliveredRegistrations undelivered = new UndeliveredRegistrations();

  Enrolment(
      IdentityVerifier verifier,
      String region,
      String accountId,
      String runnerGroup,
      AgentContext context,
      Ledger ledger,
      RunnerRegistration github,
      RunnerVersions versions,
      SessionTokens tokens) {
    this.verifier = verifier;
    this.region = region;
    this.accountId = accountId;
    this.runnerGroup = runnerGroup;
    this.context = context;
    this.ledger = ledger;
    this.github = github;
    this.versions = versions;
    this.tokens = tokens;
  }

  /** Opens (or refreshes) a session for a managed instance in any lifecycle state. */
  Future<JsonObject> session(SessionRequest request) {
    IdentityDocument doc;
    try {
      doc = identify(request.identityDocument(), SESSION);
    } catch (Refused r) {
      context.metrics().session(r.refusal.tag());
      return Future.failedFuture(r.answer);
    }
    return context.managed()
        .require(doc.instanceId())
        .onFailure(e -> context.metrics().session(notManaged(e, doc, SESSION)))
        .map(
            m -> {
              context.registry().seen(doc.instanceId(), m.pool().name(), m.asg(), context.clock().instant());
              context.metrics().session("ok");
              LogContext.info(LOG, "agent session opened", "instanceId", doc.instanceId(),
                  "pool", m.pool().name(), "lifecycleState", m.instance().lifecycle().awsName());
              return sessionJson(tokens.issue(doc.instanceId()));
            });
  }

  /** A registration answer and the launch (and its job number) it belongs to. */
  record Registered(JsonObject answer, String instanceId, String launchId, int sequence, String pool) {
    @Override
    public String toString() {
      return "Registered[instanceId=" + instanceId + ", launchId=" + launchId + ", sequence=" + sequence
          + ", answer=***]";
    }
  }

  /** The agent never received this answer: keep it for the same launch's retry. */
  void undelivered(Registered r) {
    undelivered.keep(r.instanceId(), r.launchId(), r.sequence(), r.answer(), context.clock().instant());
    context.metrics().registration(r.pool(), "undelivered");
    LogContext.warn(LOG, "registration answer not delivered (agent connection closed); kept for its retry",
        "instanceId", r.instanceId(), "pool", r.pool());
  }

  /**
   * Registers runner number {@code request.sequence()} of an in-service instance's launch: each
   * number once, in order, up to the pool's {@code maxJobsPerRunner}.
   */
  Future<Registered> register(RegisterRequest request) {
    IdentityDocument doc;
    try {
      doc = identify(request.identityDocument(), REGISTRATION);
    } catch (Refused r) {
      context.metrics().registration(AgentMetrics.UNKNOWN_POOL, r.refusal.tag());
      return Future.failedFuture(r.answer);
    }
    String id = doc.instanceId();
    return context.managed()
        .require(id)
        .recover(
            e -> {
              context.metrics().registration(AgentMetrics.UNKNOWN_POOL, notManaged(e, doc, REGISTRATION));
              return Future.failedFuture(e);
            })
        .compose(m -> inService(m))
        .compose(m -> withinJobs(doc, m, request.sequence()))
        .compose(
            m -> {
              var kept = undelivered.take(id, doc.pendingTime(), request.sequence(), context.clock().instant());
              return kept.isPresent()
                  ? Future.succeededFuture(resumed(doc, m, request.sequence(), kept.get()))
                  : newRegistration(doc, m, request.runnerVersion(), request.sequence());
            });
  }

  private Future<Registered> newRegistration(
      IdentityDocument doc, Managed m, String reportedVersion, int sequence) {
    return prerequisites(m)
        .compose(p -> claim(doc, m, sequence).map(p))
        .compose(p -> issueRunner(doc, p, reportedVersion, sequence))
        .map(answer -> new Registered(answer, doc.instanceId(), doc.pendingTime(), sequence, m.pool().name()));
  }

  /** The same launch retrying after its answer was lost: the kept answer, with a fresh session. */
  private Registered resumed(IdentityDocument doc, Managed m, int sequence, JsonObject kept) {
    String pool = m.pool().name();
    context.metrics().registration(pool, "resumed");
    LogContext.info(LOG, "registration answer handed to the launch's retry", "instanceId", doc.instanceId(),
        "pool", pool, "sequence", sequence);
    SessionTokens.Session s = tokens.issue(doc.instanceId());
    kept.put("sessionToken", s.token()).put("expiresAt", s.expiresAt().toString());
    return new Registered(kept, doc.instanceId(), doc.pendingTime(), sequence, pool);
  }

  /**
   * A launch takes at most its pool's {@code maxJobsPerRunner} jobs (one on an on-demand tier). Checked before anything is
   * claimed or asked of GitHub, against the configuration as it is now (a lowered limit ends
   * reuse at the next registration).
   */
  private Future<Managed> withinJobs(IdentityDocument doc, Managed m, int sequence) {
    int max = m.maxJobs();
    if (sequence <= max) {
      return Future.succeededFuture(m);
    }
    String pool = m.pool().name();
    context.metrics().registration(pool, "jobs_used_up");
    LogContext.warn(LOG, "registration refused: the launch has had the jobs its pool allows",
        "instanceId", doc.instanceId(), "pool", pool, "sequence", sequence, "maxJobsPerRunner", max);
    return Future.failedFuture(new ApiException(ErrorCode.SEQUENCE_REFUSED, "no registration left"));
  }

  /** What registration needs besides GitHub's JIT config, known before the launch is claimed. */
  private record Prerequisites(Managed managed, String requiredVersion, long runnerGroupId) {}

  private Future<Managed> inService(Managed m) {
    if (!m.instance().lifecycle().inService()) {
      context.metrics().registration(m.pool().name(), "not_in_service");
      return Future.failedFuture(new ApiException(ErrorCode.NOT_IN_SERVICE, "instance not in service"));
    }
    return Future.succeededFuture(m);
  }

  private Future<Prerequisites> prerequisites(Managed m) {
    // Looked up before the claim so that a GitHub hiccup here leaves the registration unused
    // and the agent can retry.
    Future<String> version = versions.required();
    Future<Long> group = groupId();
    return Future.all(version, group)
        .onFailure(e -> context.metrics().registration(m.pool().name(), "error"))
        .map(v -> new Prerequisites(m, version.result(), group.result()));
  }

  /** Claims registration {@code sequence} of the launch: each number once, and only the next one. */
  private Future<Managed> claim(IdentityDocument doc, Managed m, int sequence) {
    String pool = m.pool().name();
    return ledger
        .claimRegistration(doc.instanceId(), doc.pendingTime(), sequence)
        .compose(
            claim -> {
              if (claim == Ledger.RegistrationClaim.TAKEN) {
                context.metrics().registration(pool, "replay");
                LogContext.warn(LOG, "registration refused: this instance launch has already made this registration",
                    "instanceId", doc.instanceId(), "pool", pool, "sequence", sequence);
                return Future.failedFuture(new ApiException(ErrorCode.ALREADY_REGISTERED, "already registered"));
              }
              if (claim == Ledger.RegistrationClaim.OUT_OF_ORDER) {
                context.metrics().registration(pool, "out_of_sequence");
                LogContext.warn(LOG, "registration refused: not the launch's next registration",
                    "instanceId", doc.instanceId(), "pool", pool, "sequence", sequence);
                return Future.failedFuture(
                    new ApiException(ErrorCode.SEQUENCE_REFUSED, "not the next registration"));
              }
              return Future.succeededFuture(m);
            });
  }

  private Future<JsonObject> issueRunner(
      IdentityDocument doc, Prerequisites p, String reportedVersion, int sequence) {
    String id = doc.instanceId();
    Managed m = p.managed();
    String pool = m.pool().name();
    String required = p.requiredVersion();
    int jobsLeft = m.maxJobs() - sequence;
    // The registration is claimed before GitHub is asked: a replay can never mint a second runner
    // for it. If GitHub fails now, the instance never gets that runner and reconciliation retires
    // it. The runner keeps the instance id as its name for every job (the scaling pass and the
    // sweeps find an instance's runner by it); the adapter replaces the launch's previous, finished
    // runner when GitHub has not removed it yet.
    return github
        .generateJitConfig(id, m.pool().labels(), p.runnerGroupId(), WORK_FOLDER)
        .recover(e -> previousRunnerBusy(doc, pool, sequence, e))
        .onFailure(e -> {
          if (!(e instanceof ApiException)) {
            context.metrics().registration(pool, "error");
          }
        })
        .map(
            config -> {
              context.registry().registered(id, pool, m.asg(), config.runnerId(), context.clock().instant());
              context.metrics().registration(pool, "ok");
              context.metrics().bakedRunnerVersion(pool, reportedVersion);
              LogContext.info(LOG, "runner registered", "instanceId", id, "pool", pool,
                  "runnerId", config.runnerId(), "runnerVersion", reportedVersion,
                  "requiredRunnerVersion", required, "sequence", sequence, "jobsLeft", jobsLeft);
              RunnerVersions.Download download = versions.downloadFor(required);
              return sessionJson(tokens.issue(id))
                  .put("runnerName", config.runnerName() != null ? config.runnerName() : id)
                  .put("jitConfig", config.encodedJitConfig())
                  .put("requiredRunnerVersion", required)
                  .put(
                      "runnerDownload",
                      download == null
                          ? null
                          : new JsonObject().put("url", download.url()).put("sha256", download.sha256()))
                  .put("sequence", sequence)
                  .put("jobsLeft", jobsLeft);
            });
  }

  /**
   * GitHub still shows a runner of the instance's name busy (the launch's previous job is not over
   * on GitHub's side yet), so it made no runner: the claim is given back and the agent told to
   * register again shortly, rather than losing the launch's remaining jobs.
   */
  private Future<RunnerRegistration.JitConfig> previousRunnerBusy(
      IdentityDocument doc, String pool, int sequence, Throwable e) {
    if (!(e instanceof Runners.RunnerBusyException)) {
      return Future.failedFuture(e);
    }
    context.metrics().registration(pool, "previous_runner_busy");
    LogContext.warn(LOG, "registration refused: GitHub still shows the instance's previous runner busy",
        "instanceId", doc.instanceId(), "pool", pool, "sequence", sequence);
    ApiException busy = ApiException.withReason(ErrorCode.RUNNER_BUSY, "previous runner busy");
    return ledger.releaseRegistration(doc.instanceId(), doc.pendingTime(), sequence)
        .transform(ar -> Future.failedFuture(ar.succeeded() ? busy : ar.cause()));
  }

  /** Which check refused an identity document, and the (generic) answer to give. */
  private static final class Refused extends Exception {
    final Refusal refusal;
    final ApiException answer;

    Refused(Refusal refusal, ApiException answer) {
      super(refusal.tag(), null, false, false);
      this.refusal = refusal;
      this.answer = answer;
    }
  }

  private IdentityDocument identify(String pkcs7, String call) throws Refused {
    IdentityDocument doc;
    try {
      doc = verifier.verify(pkcs7);
    } catch (IdentityException e) {
      throw refused(Refusal.of(e.reason()), call, e.getMessage(), null, ErrorCode.NOT_VERIFIED, "identity document not verified");
    }
    if (!AgentRequests.INSTANCE_ID.matcher(doc.instanceId()).matches()) {
      throw refused(Refusal.MALFORMED, call, "identity document names no EC2 instance id", null,
          ErrorCode.NOT_VERIFIED, "identity document not verified");
    }
    if (region != null && !region.equals(doc.region())) {
      throw refused(Refusal.REGION, call, "identity document from region " + doc.region()
          + ", the gateway's is " + region, doc.instanceId(), ErrorCode.NOT_MANAGED, "instance not managed");
    }
    if (accountId != null && !accountId.equals(doc.accountId())) {
      throw refused(Refusal.ACCOUNT, call, "identity document from another account than agentApi.accountId",
          doc.instanceId(), ErrorCode.NOT_MANAGED, "instance not managed");
    }
    return doc;
  }

  private static Refused refused(
      Refusal refusal, String call, String detail, String instanceId, ErrorCode code, String answer) {
    LogContext.warn(LOG, call + " refused (" + refusal.tag() + "): " + detail,
        "reason", refusal.tag(), "instanceId", instanceId);
    return new Refused(refusal, new ApiException(code, answer));
  }

  /** The counter tag for a failed group look-up; logs a refusal. */
  private static String notManaged(Throwable e, IdentityDocument doc, String call) {
    if (!(e instanceof ApiException)) {
      return "error";
    }
    LogContext.warn(LOG, call + " refused (" + Refusal.NOT_MANAGED.tag()
            + "): the instance is in no configured pool's Auto Scaling group",
        "reason", Refusal.NOT_MANAGED.tag(), "instanceId", doc.instanceId());
    return Refusal.NOT_MANAGED.tag();
  }

  private synchronized Future<Long> groupId() {
    if (runnerGroup == null || runnerGroup.isBlank()) {
      return Future.succeededFuture(DEFAULT_RUNNER_GROUP_ID);
    }
    if (runnerGroupId == null || runnerGroupId.failed()) {
      runnerGroupId = github.runnerGroupId(runnerGroup);
    }
    return runnerGroupId;
  }

  private static JsonObject sessionJson(SessionTokens.Session s) {
    return new JsonObject()
        .put("sessionToken", s.token())
        .put("instanceId", s.instanceId())
        .put("expiresAt", s.expiresAt().toString());
  }
}
