package dev.hangar.agent.testing;

import dev.hangar.agent.Agent;
import dev.hangar.agent.config.AgentConfig;
import dev.hangar.agent.config.AgentConfigLoader;
import dev.hangar.agent.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Runs the real {@link Agent} in-process against an {@link ImdsDouble}, a {@link GatewayStandIn}
 * and the runner stand-in script, with short intervals and a shutdown command that only leaves a
 * marker file.
 */
public final class AgentHarness implements AutoCloseable {
  private static final TestIdentity IDENTITY = TestIdentity.create();

  public final Path root;
  public final Path runnerDir;
  public final Path stateDir;
  public final Path hooksDir;
  public final Path shutdownMarker;
  public final Path emfFile;
  public final ImdsDouble imds;
  public final GatewayStandIn gateway;
  public final List<String> logs = new CopyOnWriteArrayList<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Agent agent;
  private Thread thread;

  public AgentHarness(Path root, String instanceId) throws IOException {
    this.root = root;
    this.runnerDir = root.resolve("runner");
    this.stateDir = root.resolve("state");
    this.hooksDir = root.resolve("hooks");
    this.shutdownMarker = root.resolve("shutdown-called");
    this.emfFile = root.resolve("emf.log");
    installStandIn(runnerDir, "2.320.0");
    imds = new ImdsDouble(instanceId, IDENTITY);
    gateway = new GatewayStandIn(IDENTITY);
    settings.put("gateway.url", gateway.url().toString());
    settings.put("gateway.timeout", "2s");
    settings.put("imds.url", imds.url().toString());
    // Generous for a loaded machine (the double is in this JVM); the IMDS outage test sets a short one.
    settings.put("imds.timeout", "2s");
    settings.put("runner.dir", runnerDir.toString());
    settings.put("runner.user", System.getProperty("user.name"));
    settings.put("state.dir", stateDir.toString());
    settings.put("hooks.dir", hooksDir.toString());
    settings.put("pool", "linux-x64");
    settings.put("lifecycle.pollInterval", "50ms");
    settings.put("spot.pollInterval", "50ms");
    settings.put("heartbeat.interval", "200ms");
    settings.put("retry.initialBackoff", "20ms");
    settings.put("retry.maxBackoff", "200ms");
    settings.put("register.deadline", "10s");
    settings.put("retire.deadline", "10s");
    settings.put("spot.stopLead", "1s");
    settings.put("runner.exitGrace", "5s");
    settings.put("shutdown.command", "touch '" + shutdownMarker + "'");
    settings.put("metrics.emfFile", emfFile.toString());
  }

  public static TestIdentity identity() {
    return IDENTITY;
  }

  /**
   * Copies the runner stand-in into {@code dir} as a baked runner of {@code version}. Read as a
   * class-path resource, so it works from this module's classes and from its test jar.
   */
  public static void installStandIn(Path dir, String version) throws IOException {
    Files.createDirectories(dir);
    try (var in = AgentHarness.class.getResourceAsStream("/runner-standin/run.sh")) {
      if (in == null) {
        throw new IOException("runner stand-in not on the class path");
      }
      Files.copy(in, dir.resolve("run.sh"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(dir.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("VERSION"), version + "\n");
  }

  /** Overrides one agent setting (property key as in agent.properties). */
  public AgentHarness set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  public AgentConfig config() {
    Map<String, String> env = new LinkedHashMap<>();
    settings.forEach((k, v) -> env.put(AgentConfigLoader.envName(k), v));
    return AgentConfigLoader.load(root.resolve("no-such-agent.properties"), env);
  }

  /** Chooses what the runner stand-in does (quick, hold, none, exit). */
  public void runnerJob(String mode) {
    try {
      Files.writeString(runnerHome().resolve("standin-control"), "job=" + mode + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lets a held job finish. */
  public void releaseJob() {
    try {
      Files.writeString(runnerHome().resolve("standin-release"), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path runnerHome() {
    Path current = runnerDir.resolve("current");
    return Files.isDirectory(current) ? current : runnerDir;
  }

  public String diag() {
    Path diag = runnerHome().resolve("_diag");
    if (!Files.isDirectory(diag)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(diag)) {
      for (Path f : files.sorted().toList()) {
        out.append(Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public boolean runnerListening() {
    return diag().contains("Listening for Jobs");
  }

  public void start() {
    agent = dev.hangar.agent.AgentFactory.create(config(), new Log(logs::add));
    thread = new Thread(() -> {
      try {
        agent.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "agent-under-test");
    thread.setDaemon(true);
    thread.start();
  }

  public Agent agent() {
    return agent;
  }

  /** Stops the agent as systemd would (or as a stopped instance does). */
  public void stopAgent() throws InterruptedException {
    if (agent != null) {
      agent.close();
      thread.join(10_000);
      agent = null;
    }
  }

  public boolean shutdownCalled() {
    return Files.exists(shutdownMarker);
  }

  public String allLogs() {
    return String.join("\n", logs);
  }

  public URI imdsUrl() {
    return imds.url();
  }

  @Override
  public void close() throws Exception {
    stopAgent();
    gateway.close();
    imds.close();
  }
}
