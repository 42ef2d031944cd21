package dev.hangar.gateway;

import dev.hangar.gateway.agentapi.IdentityCertificates;
import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.config.LedgerConfig;
import dev.hangar.gateway.github.GitHubApp;
import dev.hangar.gateway.github.PrivateKeyPem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code serve} checks before it builds anything, and all that {@code check-config} checks:
 * one list, so the two commands cannot drift apart. Everything here works offline; what needs
 * AWS or GitHub is only named. Errors are {@link ConfigException}s naming the key, never a
 * path, a file's content or a secret.
 */
public final class StartupChecks {
  private static final String PEM_TEXT = "-----BEGIN";

  private StartupChecks() {}

  /**
   * A configuration that passed every offline check, and the checks that need the network,
   * which {@code serve} makes by starting and {@code check-config} leaves out.
   */
  public record Checked(HangarConfig config, List<String> notChecked) {}

  /** Loads and validates {@code file}, then runs {@link #run}; the one step both commands take. */
  public static Checked load(Path file, Map<String, String> env) {
    HangarConfig config = ConfigLoader.load(file, env, true);
    return new Checked(config, run(config));
  }

  /**
   * Throws {@link ConfigException} for the first problem; returns the checks that need the
   * network, which {@code serve} makes by starting and {@code check-config} leaves out.
   */
  public static List<String> run(HangarConfig config) {
    privateKey(config.github());
    identityCertificates(config.agentApi().identityCertificates(), GitHubApp.configured(config.github()));
    return networkChecks(config);
  }

  private static void privateKey(GitHubConfig g) {
    boolean fromFile = g.privateKeyFile() != null && !g.privateKeyFile().isBlank();
    boolean fromSecret = g.privateKeySecretId() != null && !g.privateKeySecretId().isBlank();
    if (GitHubApp.configured(g) && !fromFile && !fromSecret) {
      throw new ConfigException("github.privateKeyFile",
          "required with github.appId and github.owner (or github.privateKeySecretId)");
    }
    if (!fromFile) {
      return;
    }
    String pem = read(g.privateKeyFile(), "github.privateKeyFile");
    try {
      PrivateKeyPem.parse(pem, "github.privateKeyFile");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("github.privateKeyFile", "must be an RSA private key in PEM (PKCS#1 or PKCS#8)");
    }
  }

  /** Each entry alone, so the error can say which; the shipped set only when the agent API runs. */
  private static void identityCertificates(List<String> entries, boolean agentApiRuns) {
    if (entries.isEmpty()) {
      if (agentApiRuns) {
        loadCertificates(List.of(), "agentApi.identityCertificates");
      }
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      String key = "agentApi.identityCertificates[" + i + "]";
      if (entry == null || entry.isBlank()) {
        throw new ConfigException(key, "must not be blank");
      }
      if (!entry.strip().startsWith(PEM_TEXT)) {
        read(entry, key);
      }
      loadCertificates(List.of(entry), key);
    }
  }

  private static void loadCertificates(List<String> entries, String key) {
    try {
      IdentityCertificates.load(entries);
    } catch (RuntimeException e) {
      // The loader's message names the file; ours names the key only.
      throw new ConfigException(key, "must be X.509 certificates in PEM (a file or inline text)");
    }
  }

  private static String read(String file, String key) {
    try {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new ConfigException(key, "no such file");
      }
      return new String(Files.readAllBytes(path), StandardCharsets.US_ASCII);
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(key, "cannot read the file (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static List<String> networkChecks(HangarConfig c) {
    List<String> out = new ArrayList<>();
    if (c.github().privateKeySecretId() != null && GitHubApp.configured(c.github())) {
      out.add("github.privateKeySecretId (Secrets Manager)");
    }
    if (!c.queue().embedded()) {
      out.add("queue.url (SQS)");
    }
    if (c.ledger().type() == LedgerConfig.Type.DYNAMODB) {
      out.add("ledger.table (DynamoDB)");
    }
    if (c.observability().metrics().cloudwatch().enabled()) {
      out.add("observability.metrics.cloudwatch (CloudWatch)");
    }
    if (GitHubApp.configured(c.github())) {
      out.add("github.appId (GitHub App installation)");
    }
    return List.copyOf(out);
  }
}
