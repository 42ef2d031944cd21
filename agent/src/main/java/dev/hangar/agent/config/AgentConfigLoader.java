package dev.hangar.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link AgentConfig} from a properties file, then lets {@code HANGAR_AGENT_<KEY>}
 * environment variables override single keys ({@code gateway.url} → {@code
 * HANGAR_AGENT_GATEWAY_URL}). Unknown keys and bad values fail with a one-line message.
 */
public final class AgentConfigLoader {
  public static final Path DEFAULT_FILE = Path.of("/etc/hangar/agent.properties");
  private static final String ENV_PREFIX = "HANGAR_AGENT_";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  /** Every key the agent understands, with its default ({@code null}: required or optional). */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("gateway.url", null);
    DEFAULTS.put("gateway.timeout", "10s");
    DEFAULTS.put("imds.url", "http://169.254.169.254");
    DEFAULTS.put("imds.timeout", "2s");
    DEFAULTS.put("imds.tokenTtl", "6h");
    DEFAULTS.put("imds.tokenRefreshMargin", "5m");
    DEFAULTS.put("runner.dir", "/opt/actions-runner");
    DEFAULTS.put("runner.user", "runner");
    DEFAULTS.put("runner.switchUserCommand", "setpriv --reuid={user} --regid={user} --init-groups --");
    DEFAULTS.put("warmup.script", null);
    DEFAULTS.put("warmup.timeout", "15m");
    DEFAULTS.put("state.dir", "/var/lib/hangar-agent");
    DEFAULTS.put("hooks.dir", "/run/hangar-agent");
    DEFAULTS.put("pool", "default");
    DEFAULTS.put("lifecycle.pollInterval", "5s");
    DEFAULTS.put("spot.pollInterval", "5s");
    DEFAULTS.put("heartbeat.interval", "30s");
    DEFAULTS.put("retry.initialBackoff", "1s");
    DEFAULTS.put("retry.maxBackoff", "30s");
    DEFAULTS.put("register.deadline", "10m");
    DEFAULTS.put("retire.deadline", "5m");
    DEFAULTS.put("spot.stopLead", "30s");
    DEFAULTS.put("runner.exitGrace", "2m");
    DEFAULTS.put("shutdown.command", "shutdown -h now");
    DEFAULTS.put("metrics.emfFile", null);
    DEFAULTS.put("log.file", null);
  }

  private AgentConfigLoader() {}

  /** Loads the file (missing file is fine when the environment supplies what is required). */
  public static AgentConfig load(Path file, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (NoSuchFileException e) {
      // The environment may carry everything; a missing required key is reported below.
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      if (!DEFAULTS.containsKey(key)) {
        throw new ConfigException(file + ": unknown key '" + key + "'");
      }
      values.put(key, props.getProperty(key).trim());
    }
    for (String key : DEFAULTS.keySet()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        values.put(key, fromEnv.trim());
      }
    }
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith(ENV_PREFIX) && !name.equals(ENV_PREFIX + "CONFIG")
          && DEFAULTS.keySet().stream().noneMatch(k -> envName(k).equals(name))) {
        throw new ConfigException("unknown environment variable " + name);
      }
    }
    return build(values);
  }

  /** The environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static AgentConfig build(Map<String, String> v) {
    return new AgentConfig(
        uri(v, "gateway.url"),
        duration(v, "gateway.timeout"),
        uri(v, "imds.url"),
        duration(v, "imds.timeout"),
        duration(v, "imds.tokenTtl"),
        duration(v, "imds.tokenRefreshMargin"),
        Path.of(required(v, "runner.dir")),
        required(v, "runner.user"),
        required(v, "runner.switchUserCommand"),
        optional(v, "warmup.script").map(Path::of),
        duration(v, "warmup.timeout"),
        Path.of(required(v, "state.dir")),
        Path.of(required(v, "hooks.dir")),
        required(v, "pool"),
        duration(v, "lifecycle.pollInterval"),
        duration(v, "spot.pollInterval"),
        duration(v, "heartbeat.interval"),
        duration(v, "retry.initialBackoff"),
        duration(v, "retry.maxBackoff"),
        duration(v, "register.deadline"),
        duration(v, "retire.deadline"),
        duration(v, "spot.stopLead"),
        duration(v, "runner.exitGrace"),
        required(v, "shutdown.command"),
        optional(v, "metrics.emfFile").map(Path::of),
        optional(v, "log.file").map(Path::of))
        .validate();
  }

  private static Optional<String> optional(Map<String, String> v, String key) {
    String value = v.get(key);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static String required(Map<String, String> v, String key) {
    return optional(v, key)
        .orElseThrow(() -> new ConfigException("missing required key '" + key + "' (or " + envName(key) + ")"));
  }

  private static URI uri(Map<String, String> v, String key) {
    String text = required(v, key);
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException("'" + key + "' must be an http(s) URL, got '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("'" + key + "' is not a URL: '" + text + "'");
    }
  }

  /** Parses {@code 250ms}, {@code 5s}, {@code 2m}, {@code 6h}. */
  static Duration duration(Map<String, String> v, String key) {
    String text = required(v, key);
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new ConfigException("'" + key + "' must be a duration like 250ms, 5s, 2m or 1h, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
    if (d.isZero()) {
      throw new ConfigException("'" + key + "' must be greater than zero");
    }
    return d;
  }
}
