package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.observability.LogContext;
import dev.hangar.gateway.agentapi.AgentRequests.EventRequest;
import dev.hangar.gateway.agentapi.ManagedInstances.Managed;
import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Ledger;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code events}: what the runner and the instance report. A started job protects the instance
 * from scale-in and tags it for cost allocation; a spot interruption on a busy runner marks its
 * job as interrupted so reconciliation can re-run it on other capacity.
 */
final class AgentEvents {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEvents.class);
  static final String TAG_REPOSITORY = "hangar:repository";
  static final String TAG_WORKFLOW = "hangar:workflow";
  static final String TAG_JOB = "hangar:job";

  private final AgentContext context;
  private final Fleet fleet;
  private final Ledger ledger;

  AgentEvents(AgentContext context, Fleet fleet, Ledger ledger) {
    this.context = context;
    this.fleet = fleet;
    this.ledger = ledger;
  }

  /** Records the event and acts on it. */
  Future<Void> report(String instanceId, EventRequest event) {
    return context.managed()
        .require(instanceId)
        .compose(
            m -> {
              context.registry().event(instanceId, event.type(), context.clock().instant());
              context.metrics().event(m.pool().name(), event.type());
              LogContext.info(LOG, "agent event " + event.type(),
                  "instanceId", instanceId, "pool", m.pool().name(), "event", event.type());
              return switch (event.type()) {
                case "job-started" -> jobStarted(m, event);
                case "spot-interruption" -> spotInterruption(m);
                case "rebalance" -> {
                  context.metrics().rebalance(m.pool().name());
                  yield Future.succeededFuture();
                }
                default -> Future.succeededFuture();
              };
            });
  }

  private Future<Void> jobStarted(Managed m, EventRequest event) {
    String id = m.instance().instanceId();
    Map<String, String> tags = new LinkedHashMap<>();
    putIfPresent(tags, TAG_REPOSITORY, event.repository());
    putIfPresent(tags, TAG_WORKFLOW, event.workflow());
    putIfPresent(tags, TAG_JOB, event.jobName());
    // Protection first: a busy runner must never be picked for scale-in.
    Future<Void> protect = fleet.setInstanceProtection(m.asg(), List.of(id), true);
    return protect.compose(v -> tags.isEmpty() ? Future.succeededFuture() : fleet.tagInstance(id, tags));
  }

  private Future<Void> spotInterruption(Managed m) {
    String id = m.instance().instanceId();
    String pool = m.pool().name();
    context.metrics().spotInterruption(pool);
    return ledger
        .openJobs(pool)
        .compose(
            jobs -> {
              Job running = null;
              for (Job j : jobs) {
                if (j.status() == JobStatus.IN_PROGRESS && id.equalsIgnoreCase(j.runnerName())) {
                  running = j;
                  break;
                }
              }
              if (running == null) {
                LogContext.info(LOG, "spot interruption on a runner without a running job",
                    "instanceId", id, "pool", pool);
                return Future.succeededFuture();
              }
              long jobId = running.jobId();
              LogContext.warn(LOG, "spot interruption of a busy runner",
                  "instanceId", id, "pool", pool, "jobId", jobId);
              return ledger.markInterrupted(jobId).mapEmpty();
            });
  }

  private static void putIfPresent(Map<String, String> tags, String key, String value) {
    if (value != null && !value.isBlank()) {
      tags.put(key, SafeText.tagValue(value));
    }
  }
}
