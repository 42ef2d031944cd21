package dev.hangar.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.testing.IdentityDocuments;
import dev.hangar.gateway.testing.TestAppKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A secret planted through an environment variable into any one scalar of a complete
 * configuration never shows up in what {@code ConfigLoader.parse} or {@code check-config} says
 * about it (message, stdout, stderr, logs), and a refusal names the key it is about.
 */
class ConfigSecretLeakTest {
  static final String SECRET = "s3cr3t-PLANTED-value";
  private static final String VAR = "HANGAR_PLANTED";
  private static final String MARK = "PLANTEDLEAFMARK";
  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build())
      .build();

  /** How the reference lands in the file, and what the variable holds. */
  enum Planting {
    PLAIN("${" + VAR + "}", SECRET),
    QUOTED("\"${" + VAR + "}\"", SECRET),
    /** A value that breaks the YAML around it: the parser's own message would quote the line. */
    BREAKING("${" + VAR + "}", SECRET + ": [{'");

    final String reference;
    final String value;

    Planting(String reference, String value) {
      this.reference = reference;
      this.value = value;
    }
  }

  @TempDir static Path dir;

  /** Every section and every key, with files that exist and parse. */
  static String fullServeConfig(Path dir) throws IOException {
    Path key = Files.writeString(dir.resolve("app.pem"), TestAppKeys.pkcs1Pem());
    Path cert = IdentityDocuments.newSigner("Leak test").writeCertificate(dir);
    String sessionKey = Base64.getEncoder().encodeToString(new byte[32]);
    return """
        server: {host: 127.0.0.1, port: 0, bodyLimitBytes: 1048576, shutdownGraceSeconds: 10,
          idleTimeoutSeconds: 30, requestTimeoutSeconds: 10}
        github:
          webhookSecrets: [whsec-one, whsec-two]
          apiUrl: https://api.github.com
          appId: 12345
          privateKeyFile: %s
          owner: acme
          runnerGroup: Default
          requestTimeout: 10s
          maxRetries: 3
          backoffBase: PT0.5S
          backoffMax: 30s
          maxRateLimitWait: 2m
          tokenRefreshBefore: 5m
          releaseCacheTtl: 1h
        aws: {region: us-east-1, endpoint: "http://127.0.0.1:5000"}
        queue:
          url: https://sqs.us-east-1.amazonaws.com/123456789012/hangar-jobs.fifo
          endpoint: http://127.0.0.1:9324
          embedded: false
          sendTimeoutMillis: 2000
          batchLingerMillis: 5
        ledger: {type: dynamodb, table: hangar-ledger}
        pools:
          - name: linux
            labels: [self-hosted, linux, x64]
            maxRunners: 20
            minIdle: 1
            tiers:
              - {asg: hangar-linux-warm, kind: warm, weight: 0, warmPool: {size: 4, state: stopped}}
              - {asg: hangar-linux-spot, kind: spot, weight: 1}
            scaling:
              idleTimeoutSeconds: 120
              bootTimeoutSeconds: 600
              maxLaunchesPerMinute: 100
              arrivalBufferMinutes: 4.0
              warmStartLeadSeconds: 30
              spotBreaker: {threshold: 3, windowMinutes: 10, openMinutes: 30}
              schedules:
                - {days: [mon-fri, sat], from: "08:00", to: "18:00", zone: Europe/Berlin, minIdle: 2, warmPoolSize: 6}
        observability:
          metrics:
            cloudwatch: {enabled: true, namespace: Hangar, stepSeconds: 60}
          tracing: {exporter: otlp, endpoint: "http://127.0.0.1:4318/v1/traces"}
        poolLoop: {debounceMillis: 250, periodSeconds: 30, pollers: 2, receiveWaitSeconds: 10, enabled: true}
        reconcile:
          interval: 60s
          staleQueuedAfter: 5m
          maxRetries: 2
          redeliveryWindow: 3d
          maxRedeliveriesPerCycle: 20
          maxJobChecksPerCycle: 20
        agentApi:
          identityCertificates: [%s]
          accountId: "123456789012"
          sessionTtl: 1h
          sessionKey: %s
          runnerVersion: 2.321.0
          runnerDownload:
            url: https://mirror.example/actions-runner-linux-x64-{version}.tar.gz
            sha256: %s
          launchHook: hangar-launch
          terminationHook: hangar-termination
          bodyLimitBytes: 16384
        """.formatted(key, cert, sessionKey, "ab".repeat(32));
  }

  /** The key of the GitHub App in Secrets Manager instead of a file. */
  static final String SECRET_ID_CONFIG = """
      github: {webhookSecrets: [whsec], appId: 1, owner: acme, privateKeySecretId: hangar/github-app}
      queue: {embedded: true}
      pools: [{name: linux, labels: [linux], maxRunners: 1, tiers: [{asg: a, kind: warm}]}]
      """;

  private static final List<String> failures = new ArrayList<>();
  private static int cases;

  @AfterAll
  static void summary() {
    // Shown in the test report: how wide the sweep was and what it found.
    System.out.println("ConfigSecretLeakTest: " + cases + " cases, " + failures.size() + " failed");
    failures.forEach(f -> System.out.println("  " + f));
  }

  @Test
  void theBaseConfigsAreAcceptedUnplanted() throws IOException {
    for (String base : bases()) {
      Result r = checkConfig(base, Map.of());
      assertEquals(0, r.exit, r.err);
      assertTrue(r.out.startsWith("config OK"), r.out);
    }
  }

  @TestFactory
  Stream<DynamicTest> aPlantedSecretIsNeverPrinted() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String base : bases()) {
      JsonNode root = YAML.readTree(base);
      for (String path : leaves(root, "")) {
        for (Planting p : Planting.values()) {
          String yaml = plant(root, path, p);
          tests.add(DynamicTest.dynamicTest(path + " (" + p + ")", () -> {
            cases++;
            try {
              assertNoLeak(path, yaml, p);
            } catch (AssertionError e) {
              failures.add(path + " (" + p + "): " + e.getMessage());
              throw e;
            }
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void aKeyNameFromTheEnvironmentIsNotPrinted() throws IOException {
    Result r = checkConfig("queue: {embedded: true}\nserver: {${" + VAR + "}: 1}\n", Map.of(VAR, SECRET));
    assertEquals(1, r.exit);
    assertEquals("config: server: unknown key from an environment variable"
        + " (known: bodyLimitBytes, host, idleTimeoutSeconds, port, requestTimeoutSeconds, shutdownGraceSeconds)\n",
        r.err);
    Result dup = checkConfig("queue: {embedded: true}\nserver: {${" + VAR + "}: 1, ${" + VAR + "}: 2}\n",
        Map.of(VAR, SECRET));
    assertTrue(dup.err.startsWith("config: duplicate key from an environment variable at line 2"), dup.err);
    assertFalse(leaks(dup.err), dup.err);
  }

  private static List<String> bases() throws IOException {
    return List.of(
        fullServeConfig(dir),
        Files.readString(Path.of("../examples/config/local.yaml")),
        SECRET_ID_CONFIG);
  }

  private static void assertNoLeak(String path, String yaml, Planting p) throws IOException {
    Map<String, String> env = Map.of(VAR, p.value);
    String parseMessage = "";
    try {
      ConfigLoader.parse(yaml, env, true);
    } catch (ConfigException e) {
      parseMessage = e.getMessage();
    }
    Result r = checkConfig(yaml, env);
    // A refusal prints nothing of the value; an accepted config may list pool names and the queue.
    String all = parseMessage + "\n" + r.err + "\n" + r.logs + (r.exit == 0 ? "" : "\n" + r.out);
    assertFalse(leaks(all), "printed: " + all.strip());
    if (r.exit != 0) {
      assertEquals(1, r.exit);
      assertEquals(1, r.err.lines().count(), "one line: " + r.err);
      assertTrue(namesTheKey(r.err, path, yaml), "does not name " + path + ": " + r.err.strip());
    }
    if (!parseMessage.isEmpty()) {
      assertTrue(namesTheKey(parseMessage, path, yaml), "does not name " + path + ": " + parseMessage);
    }
  }

  /** Any part of the secret, in any case (parsers split at '-' and lower-case). */
  private static boolean leaks(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return t.contains("s3cr3t") || t.contains("planted");
  }

  /** The key's path (a list item may be named by its list); a syntax error by its line. */
  private static boolean namesTheKey(String message, String path, String yaml) {
    if (message.contains(path + ":") || message.contains(path.replaceAll("\\[\\d+]$", "") + ":")) {
      return true;
    }
    int line = 1 + (int) yaml.substring(0, yaml.indexOf("${" + VAR + "}")).chars().filter(c -> c == '\n').count();
    return message.contains("YAML syntax error at line " + line + ",");
  }

  private record Result(int exit, String out, String err, String logs) {}

  private static Result checkConfig(String yaml, Map<String, String> env) throws IOException {
    Path file = Files.createTempFile(dir, "hangar-", ".yaml");
    Files.writeString(file, yaml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    int exit;
    try {
      exit = Main.run(new String[] {"check-config", "--config", file.toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    } finally {
      root.detachAppender(logs);
    }
    StringBuilder logText = new StringBuilder();
    for (ILoggingEvent e : logs.list) {
      logText.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        logText.append(e.getThrowableProxy().getMessage()).append('\n');
      }
    }
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), logText.toString());
  }

  /** Paths of every scalar, e.g. {@code pools[0].tiers[1].kind}. */
  static List<String> leaves(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        out.addAll(leaves(node.get(name), path.isEmpty() ? name : path + "." + name));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.addAll(leaves(node.get(i), path + "[" + i + "]"));
      }
    } else {
      out.add(path);
    }
    return out;
  }

  private static String plant(JsonNode root, String path, Planting p) throws IOException {
    JsonNode copy = root.deepCopy();
    String[] parts = path.split("\\.");
    JsonNode parent = copy;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      String name = part.replaceAll("\\[.*", "");
      List<Integer> indexes = new ArrayList<>();
      var m = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(part);
      while (m.find()) {
        indexes.add(Integer.parseInt(m.group(1)));
      }
      boolean last = i == parts.length - 1;
      if (indexes.isEmpty()) {
        if (last) {
          ((ObjectNode) parent).set(name, TextNode.valueOf(MARK));
        } else {
          parent = parent.get(name);
        }
      } else {
        JsonNode list = parent.get(name);
        for (int k = 0; k < indexes.size() - 1; k++) {
          list = list.get(indexes.get(k));
        }
        int index = indexes.get(indexes.size() - 1);
        if (last) {
          ((ArrayNode) list).set(index, TextNode.valueOf(MARK));
        } else {
          parent = list.get(index);
        }
      }
    }
    String yaml = YAML.writeValueAsString(copy);
    assertTrue(yaml.contains(MARK), yaml);
    return yaml.replace(MARK, p.reference);
  }
}
