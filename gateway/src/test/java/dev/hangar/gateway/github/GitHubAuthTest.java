package dev.hangar.gateway.github;

import static dev.hangar.gateway.github.GitHubFixture.await;
import static dev.hangar.gateway.github.GitHubFixture.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hangar.gateway.config.GitHubConfig;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.testing.GitHubTestServer.Reply;
import dev.hangar.gateway.testing.ManualClock;
import dev.hangar.gateway.testing.MotoPeer;
import dev.hangar.gateway.testing.TestAppKeys;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.vertx.core.Future;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/** GitHub App authentication: JWTs, keys, installation tokens, and secrets kept out of sight. */
class GitHubAuthTest extends GitHubAdapterTestBase {
  private static Claims decode(String jwt, Instant now) {
    return Jwts.parser()
        .verifyWith(TestAppKeys.pair().getPublic())
        .clock(() -> Date.from(now))
        .build()
        .parseSignedClaims(jwt)
        .getPayload();
  }

  @Test
  void jwtCarriesIssuerBackdatedIssueTimeShortExpiryAndUniqueId() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    AppJwt jwt = new AppJwt(4711, TestAppKeys.pair().getPrivate(), clock);
    Claims a = decode(jwt.mint(), clock.instant());
    Claims b = decode(jwt.mint(), clock.instant());
    assertEquals("4711", a.getIssuer());
    assertEquals(clock.instant().minusSeconds(60), a.getIssuedAt().toInstant());
    Duration validFor = Duration.between(clock.instant(), a.getExpiration().toInstant());
    assertTrue(validFor.compareTo(Duration.ofMinutes(10)) <= 0, "exp at most 10 min ahead");
    assertTrue(Duration.between(a.getIssuedAt().toInstant(), a.getExpiration().toInstant())
        .compareTo(Duration.ofMinutes(10)) <= 0);
    assertNotNull(a.getId());
    assertNotEquals(a.getId(), b.getId());
  }

  @Test
  void readsPkcs1AndPkcs8KeysThatSignVerifiableJwts() {
    String pkcs1 = TestAppKeys.pkcs1Pem();
    String pkcs8 = TestAppKeys.pkcs8Pem();
    assertTrue(pkcs1.contains("BEGIN RSA PRIVATE KEY"));
    assertTrue(pkcs8.contains("BEGIN PRIVATE KEY"));
    for (String pem : List.of(pkcs1, pkcs8)) {
      PrivateKey key = PrivateKeyPem.parse(pem, "test");
      ManualClock clock = new ManualClock(Instant.now());
      assertEquals("9", decode(new AppJwt(9, key, clock).mint(), clock.instant()).getIssuer());
    }
  }

  @Test
  void badKeyTextIsRefusedWithoutQuotingIt() {
    String broken = TestAppKeys.pkcs1Pem().replace("MII", "XX!");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PrivateKeyPem.parse(broken, "file k.pem"));
    assertTrue(e.getMessage().contains("file k.pem"));
    assertNoKeyMaterial(e.getMessage());
    IllegalArgumentException notAKey =
        assertThrows(IllegalArgumentException.class, () -> PrivateKeyPem.parse("hello", "secret s"));
    assertFalse(notAKey.getMessage().contains("hello"));
  }

  @Test
  void loadsTheKeyFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.pem");
    Files.writeString(file, TestAppKeys.pkcs1Pem());
    GitHubConfig s = GitHubConfig.of(null, 1, "o", null).withPrivateKeyFile(file.toString());
    PrivateKey key = await(PrivateKeyLoader.load(vertx, s, null));
    assertEquals(TestAppKeys.pair().getPrivate().getEncoded().length, key.getEncoded().length);
    GitHubConfig missing = GitHubConfig.of(null, 1, "o", null).withPrivateKeyFile(dir.resolve("nope.pem").toString());
    Throwable e = failure(PrivateKeyLoader.load(vertx, missing, null));
    assertTrue(e.getMessage().contains("github.privateKeyFile"));
    assertInstanceOf(IllegalArgumentException.class,
        failure(PrivateKeyLoader.load(vertx, GitHubConfig.of(null, 1, "o", null), null)));
  }

  @Test
  void loadsTheKeyFromSecretsManager() {
    MotoPeer.reset();
    try (SecretsManagerAsyncClient sm =
        SecretsManagerAsyncClient.builder()
            .endpointOverride(URI.create(MotoPeer.url()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .httpClientBuilder(AwsCrtAsyncHttpClient.builder())
            .build()) {
      sm.createSecret(b -> b.name("hangar/github-app").secretString(TestAppKeys.pkcs8Pem())).join();
      GitHubConfig s = GitHubConfig.of(null, 1, "o", null).withPrivateKeySecretId("hangar/github-app");
      PrivateKey key = await(PrivateKeyLoader.load(vertx, s, sm));
      ManualClock clock = new ManualClock(Instant.now());
      assertEquals("1", decode(new AppJwt(1, key, clock).mint(), clock.instant()).getIssuer());
      Throwable e = failure(PrivateKeyLoader.load(vertx, s.withPrivateKeySecretId("missing"), sm));
      assertTrue(e.getMessage().startsWith("github.privateKeySecretId: cannot read the secret"), e.getMessage());
      assertFalse(e.getMessage().contains("missing"), "the secret id is not printed: " + e.getMessage());
    }
  }

  @Test
  void concurrentCallersShareOneInstallationTokenRequest() {
    fx = new GitHubFixture(vertx);
    fx.server.putJob("octo-org/app", 1, 1, "queued", null, List.of("x"), Instant.EPOCH);
    List<Future<GitHub.JobSnapshot>> calls = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      calls.add(fx.github.job("octo-org/app", 1));
    }
    calls.forEach(GitHubFixture::await);
    assertEquals(1, fx.server.tokensIssued());
    assertEquals(1, fx.server.count("apps/get-org-installation"));
    assertEquals(1, fx.server.count("apps/create-installation-access-token"));
    assertEquals(25, fx.server.count("actions/get-job-for-workflow-run"));
  }

  @Test
  void tokenIsRefreshedShortlyBeforeItExpires() {
    fx = new GitHubFixture(vertx);
    fx.server.tokenLifetime(Duration.ofHours(1));
    await(fx.github.runnerGroupId(null));
    fx.clock.advance(Duration.ofMinutes(54));
    await(fx.github.listRunners());
    assertEquals(1, fx.server.tokensIssued(), "still 6 minutes left: reuse");
    fx.clock.advance(Duration.ofMinutes(2));
    await(fx.github.listRunners());
    assertEquals(2, fx.server.tokensIssued(), "4 minutes left: refreshed before expiry");
    assertEquals(1, fx.server.count("apps/get-org-installation"), "installation id is remembered");
  }

  @Test
  void a401RefreshesTheTokenOnceThenGivesUp() {
    fx = new GitHubFixture(vertx);
    await(fx.github.listRunners());
    fx.server.revokeTokens();
    await(fx.github.listRunners());
    assertEquals(2, fx.server.tokensIssued());
    fx.server.script("actions/list-self-hosted-runners-for-org", Reply.of(401), Reply.of(401), Reply.of(401));
    GitHubApiException e = assertInstanceOf(GitHubApiException.class, failure(fx.github.listRunners()));
    assertEquals(401, e.status());
    assertEquals(3, fx.server.tokensIssued(), "exactly one refresh for the failing call");
  }

  @Test
  void aReinstalledAppIsDiscoveredAgain() {
    fx = new GitHubFixture(vertx);
    await(fx.github.listRunners());
    fx.server.reinstall(5151);
    // The old token is gone (401), its refresh hits the old installation (404): the call fails,
    // and the next one discovers the new installation.
    failure(fx.github.listRunners());
    await(fx.github.listRunners());
    assertEquals(2, fx.server.count("apps/get-org-installation"));
  }

  @Test
  void secretsNeverReachLogsExceptionsOrToString(@TempDir Path dir) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      fx = new GitHubFixture(vertx);
      GitHub.JitConfig jit = await(fx.github.generateJitConfig("i-0s", List.of("self-hosted"), 1, null));
      fx.server.revokeTokens();
      await(fx.github.listRunners());
      fx.server.script("actions/get-job-for-workflow-run", Reply.of(500), Reply.of(500), Reply.of(500), Reply.of(500));
      Throwable failed = failure(fx.github.job("octo-org/app", 5));
      List<String> texts = new ArrayList<>();
      logs.list.forEach(e -> texts.add(e.getFormattedMessage()));
      texts.add(failed.toString());
      texts.add(jit.toString());
      texts.add(fx.github.toString());
      texts.add(fx.settings.toString());
      texts.add(new AppJwt(1, TestAppKeys.pair().getPrivate(), fx.clock).toString());
      for (String t : texts) {
        assertNoKeyMaterial(t);
        assertFalse(t.contains("ghs_hangarTest"), "installation token leaked: " + t);
        assertFalse(t.contains(jit.encodedJitConfig()), "JIT config leaked: " + t);
        assertFalse(t.contains("eyJ"), "JWT leaked: " + t);
      }
      assertTrue(texts.stream().anyMatch(t -> t.contains("refreshing it once")), "the 401 path logged");
    } finally {
      root.detachAppender(logs);
    }
  }

  private static void assertNoKeyMaterial(String text) {
    String pem = TestAppKeys.pkcs1Pem();
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    for (int i = 0; i + 24 <= body.length(); i += 24) {
      assertFalse(text.contains(body.substring(i, i + 24)), "private key material in: " + text);
    }
    assertFalse(text.contains("PRIVATE KEY"), text);
    assertFalse(text.contains(String.valueOf(
        ((java.security.interfaces.RSAPrivateKey) TestAppKeys.pair().getPrivate()).getPrivateExponent())
        .substring(0, 20)));
  }
}
