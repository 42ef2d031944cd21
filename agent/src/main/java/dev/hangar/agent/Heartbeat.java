package dev.hangar.agent;

import dev.hangar.agent.core.Situation;
import dev.hangar.agent.gateway.GatewayClient;
import dev.hangar.agent.gateway.GatewayException;
import dev.hangar.agent.health.EmfWriter;
import dev.hangar.agent.health.HostFigures;
import dev.hangar.agent.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** One heartbeat: host figures as an EMF line, and to the gateway while the instance has a session and a purpose. */
final class Heartbeat implements Runnable {
  private final GatewayClient gateway;
  private final EmfWriter emf;
  private final Clock clock;
  private final Log log;
  private final String pool;
  private final Path runnerDir;
  private final Supplier<Situation> situation;
  private final Supplier<String> instanceId;

  Heartbeat(GatewayClient gateway, EmfWriter emf, Clock clock, Log log, String pool, Path runnerDir,
      Supplier<Situation> situation, Supplier<String> instanceId) {
    this.gateway = gateway;
    this.emf = emf;
    this.clock = clock;
    this.log = log;
    this.pool = pool;
    this.runnerDir = runnerDir;
    this.situation = situation;
    this.instanceId = instanceId;
  }

  @Override
  public void run() {
    try {
      HostFigures f = HostFigures.read(Files.exists(runnerDir) ? runnerDir : Path.of("/"));
      Situation s = situation.get();
      AgentState phase = s.phase();
      emf.write(EmfWriter.line(clock.millis(), pool, instanceId.get(), phase.wire(), s.runnerVersion(), f,
          phase == AgentState.BUSY || phase == AgentState.DRAINING));
      if (gateway.session().isEmpty() || phase == AgentState.RETIRED || phase == AgentState.SHUTTING_DOWN
          || phase == AgentState.TERMINATING) {
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("state", phase.wire());
      body.put("runnerVersion", s.runnerVersion());
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
}
