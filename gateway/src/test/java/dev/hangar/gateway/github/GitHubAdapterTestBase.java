package dev.hangar.gateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hangar.gateway.testing.VertxPerClass;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Set-up shared by the adapter's tests: one Vert.x per test class, and the {@link GitHubFixture}
 * a test starts in {@code fx} is closed after it, failing the test if the adapter sent any
 * request GitHub's description rejects.
 */
abstract class GitHubAdapterTestBase extends VertxPerClass {
  GitHubFixture fx;

  @AfterEach
  void noInvalidRequests() {
    if (fx != null) {
      assertEquals(List.of(), fx.server.violations(), "requests GitHub's description rejects");
      fx.close();
    }
  }
}
