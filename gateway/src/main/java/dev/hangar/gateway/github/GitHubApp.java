package dev.hangar.gateway.github;

import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.observability.GitHubMetrics;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import java.security.PrivateKey;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/** Builds the GitHub adapter from the {@code github} configuration section at start-up. */
public final class GitHubApp {
  private GitHubApp() {}

  /** True when the section names an App and an owner (else Hangar runs without GitHub calls). */
  public static boolean configured(GitHubConfig c) {
    return c.appId() != null && c.owner() != null && !c.owner().isBlank();
  }

  /**
   * Loads the App's private key (file or Secrets Manager) and builds the adapter. Blocks the
   * calling thread until the key is read: call it during start-up, off the event loop.
   */
  public static WebClientGitHub connect(
      Vertx vertx,
      GitHubConfig config,
      Supplier<SecretsManagerAsyncClient> secrets,
      GitHubMetrics metrics,
      Tracer tracer) {
    SecretsManagerAsyncClient client =
        config.privateKeySecretId() != null && !config.privateKeySecretId().isBlank() ? secrets.get() : null;
    PrivateKey key;
    try {
      key =
          PrivateKeyLoader.load(vertx, config, client)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new IllegalStateException("reading the GitHub App private key timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the GitHub App private key");
    }
    return WebClientGitHub.create(vertx, config, key, metrics, tracer);
  }
}
