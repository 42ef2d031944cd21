package dev.hangar.gateway.github;

import static dev.hangar.gateway.github.GitHubFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Set-up shared by the adapter's tests: one Vert.x per test class, and the {@link GitHubFixture}
 * a test starts in {@code fx} is closed after it, failing the test if the adapter sent any
 * request GitHub's description rejects.
 */
abstract class GitHubAdapterTestBase {
  static Vertx vertx;
  GitHubFixture fx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @AfterEach
  void noInvalidRequests() {
    if (fx != null) {
      assertEquals(List.of(), fx.server.violations(), "requests GitHub's description rejects");
      fx.close();
    }
  }
}
