package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/** The request bodies of the agent API, parsed and validated as {@code docs/agent-api.yaml} says. */
final class AgentRequests {
  static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");
  static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-f]{8,17}$");
  static final Set<String> EVENT_TYPES =
      Set.of("job-started", "job-completed", "spot-interruption", "rebalance", "warm-up-done");
  private static final int IDENTITY_MIN = 16;
  private static final int IDENTITY_MAX = 12000;
  /** Job and workflow names may be longer than a tag value: accepted, then cut when tagged. */
  static final int NAME_MAX = 1024;
  /** The highest registration sequence (the largest {@code maxJobsPerRunner} a pool may set). */
  static final int SEQUENCE_MAX = dev.hangar.gateway.domain.ScalingConfig.MAX_JOBS_PER_RUNNER;
  /** A load average beyond this is a broken probe, not a machine. */
  static final double LOAD_MAX = 1_000_000;

  private AgentRequests() {}

  /** {@code POST /session}. */
  record SessionRequest(String identityDocument) {
    static SessionRequest of(JsonObject body) {
      var f = new JsonFields(body, Set.of("identityDocument", "identitySignature"));
      f.optionalBlock("identitySignature", 4096);
      return new SessionRequest(f.requiredBlock("identityDocument", IDENTITY_MIN, IDENTITY_MAX));
    }
  }

  /**
   * {@code POST /register}; {@code sequence} is the launch's job number the runner is for (1 for
   * an agent that predates runner reuse and sends none).
   */
  record RegisterRequest(String identityDocument, String runnerVersion, int sequence) {
    static RegisterRequest of(JsonObject body) {
      var f = new JsonFields(body, Set.of("identityDocument", "runnerVersion", "sequence"));
      String doc = f.requiredBlock("identityDocument", IDENTITY_MIN, IDENTITY_MAX);
      String version = f.matching("runnerVersion", f.requiredString("runnerVersion", 1, 32), VERSION);
      Long sequence = f.optionalCount("sequence", SEQUENCE_MAX);
      if (sequence != null && sequence < 1) {
        throw JsonFields.bad("field must be an integer from 1 to " + SEQUENCE_MAX + ": sequence");
      }
      return new RegisterRequest(doc, version, sequence == null ? 1 : sequence.intValue());
    }
  }

  /** {@code POST /heartbeat}. */
  record HeartbeatRequest(String instanceId, AgentRegistry.Heartbeat heartbeat) {
    static HeartbeatRequest of(JsonObject body) {
      var f = new JsonFields(
          body,
          Set.of("instanceId", "state", "runnerVersion", "diskFreeBytes", "memAvailableBytes", "load1"));
      return new HeartbeatRequest(
          instanceRef(f),
          new AgentRegistry.Heartbeat(
              f.requiredString("state", 1, 32),
              f.optionalString("runnerVersion", 32),
              f.optionalCount("diskFreeBytes", Long.MAX_VALUE),
              f.optionalCount("memAvailableBytes", Long.MAX_VALUE),
              f.optionalNumber("load1", LOAD_MAX)));
    }
  }

  /** {@code POST /events}. */
  record EventRequest(
      String instanceId,
      String type,
      String repository,
      String workflow,
      String jobName,
      Long runId,
      String conclusion,
      Instant deadline) {
    static EventRequest of(JsonObject body) {
      var f = new JsonFields(
          body,
          Set.of("instanceId", "type", "repository", "workflow", "jobName", "runId", "conclusion",
              "deadline"));
      return new EventRequest(
          instanceRef(f),
          f.oneOf("type", f.requiredString("type", 1, 32), EVENT_TYPES),
          f.optionalString("repository", 256),
          f.optionalString("workflow", NAME_MAX),
          f.optionalString("jobName", NAME_MAX),
          f.optionalCount("runId", Long.MAX_VALUE),
          f.optionalString("conclusion", 32),
          f.optionalTime("deadline"));
    }
  }

  /** {@code POST /retire}. */
  record RetireRequest(String instanceId, String reason) {
    static RetireRequest of(JsonObject body) {
      var f = new JsonFields(body, Set.of("instanceId", "reason"));
      return new RetireRequest(instanceRef(f), f.requiredString("reason", 1, 256));
    }
  }

  /** {@code POST /lifecycle}. */
  record LifecycleRequest(String instanceId, String hook, String result) {
    static LifecycleRequest of(JsonObject body) {
      var f = new JsonFields(body, Set.of("instanceId", "hook", "result"));
      return new LifecycleRequest(
          instanceRef(f),
          f.oneOf("hook", f.requiredString("hook", 1, 16), Set.of("launch", "termination")),
          f.oneOf("result", f.requiredString("result", 1, 16), Set.of("CONTINUE", "ABANDON")));
    }
  }

  private static String instanceRef(JsonFields f) {
    return f.matching("instanceId", f.optionalString("instanceId", 32), INSTANCE_ID);
  }
}
