package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.PrivateKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Loads the GitHub App private key at start-up, from a file ({@code github.privateKeyFile}) or
 * from AWS Secrets Manager ({@code github.privateKeySecretId}), without blocking an event loop.
 * Errors name the key, not the file or secret id, and never the key material.
 */
public final class PrivateKeyLoader {
  private PrivateKeyLoader() {}

  /** The key named by the settings; {@code secrets} may be null when a file is configured. */
  public static Future<PrivateKey> load(
      Vertx vertx, GitHubConfig settings, SecretsManagerAsyncClient secrets) {
    if (settings.privateKeyFile() != null && !settings.privateKeyFile().isBlank()) {
      String file = settings.privateKeyFile();
      return vertx
          .fileSystem()
          .readFile(file)
          .recover(
              e ->
                  Future.failedFuture(
                      new IllegalArgumentException(
                          "github.privateKeyFile: cannot read the file (" + rootType(e) + ")")))
          .map(buf -> PrivateKeyPem.parse(buf.toString(), "github.privateKeyFile"));
    }
    if (settings.privateKeySecretId() != null && !settings.privateKeySecretId().isBlank()) {
      if (secrets == null) {
        return Future.failedFuture(
            new IllegalStateException("github.privateKeySecretId needs a Secrets Manager client"));
      }
      String id = settings.privateKeySecretId();
      return Future.fromCompletionStage(
              secrets.getSecretValue(GetSecretValueRequest.builder().secretId(id).build()),
              vertx.getOrCreateContext())
          .recover(
              e ->
                  Future.failedFuture(
                      new IllegalArgumentException(
                          "github.privateKeySecretId: cannot read the secret (" + rootType(e) + ")")))
          .map(r -> PrivateKeyPem.parse(r.secretString(), "github.privateKeySecretId"));
    }
    return Future.failedFuture(
        new IllegalArgumentException(
            "github needs privateKeyFile or privateKeySecretId for the GitHub App key"));
  }

  /** The root cause's type: its message may quote the path or secret id. */
  private static String rootType(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }
}
