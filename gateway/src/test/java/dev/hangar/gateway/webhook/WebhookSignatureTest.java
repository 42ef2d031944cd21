package dev.hangar.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code X-Hub-Signature-256} verification. */
class WebhookSignatureTest {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  /** GitHub's published test values ("Validating webhook deliveries"). */
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";

  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void matchesGitHubsPublishedTestVector() {
    assertEquals(GITHUB_SIGNATURE, WebhookSignature.sign(GITHUB_SECRET, HELLO));
    assertTrue(new WebhookSignature(List.of(GITHUB_SECRET)).verify(HELLO, GITHUB_SIGNATURE));
  }

  @Test
  void anyConfiguredSecretMatchesSoSecretsCanRotate() {
    WebhookSignature sig = new WebhookSignature(List.of("old", GITHUB_SECRET));
    assertTrue(sig.verify(HELLO, GITHUB_SIGNATURE));
    assertTrue(sig.verify(HELLO, WebhookSignature.sign("old", HELLO)));
    assertFalse(sig.verify(HELLO, WebhookSignature.sign("other", HELLO)));
  }

  @Test
  void refusesEverythingElse() {
    WebhookSignature sig = new WebhookSignature(List.of(GITHUB_SECRET));
    assertFalse(sig.verify(HELLO, null));
    assertFalse(sig.verify(HELLO, ""));
    assertFalse(sig.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), GITHUB_SIGNATURE));
    assertFalse(sig.verify(HELLO, GITHUB_SIGNATURE.toUpperCase()));
    assertFalse(sig.verify(HELLO, GITHUB_SIGNATURE.replace("sha256=", "sha1=")));
    assertFalse(sig.verify(HELLO, GITHUB_SIGNATURE.substring(0, GITHUB_SIGNATURE.length() - 2)));
    assertFalse(sig.verify(HELLO, GITHUB_SIGNATURE.substring(0, GITHUB_SIGNATURE.length() - 2) + "zz"));
    assertFalse(new WebhookSignature(List.of()).verify(HELLO, GITHUB_SIGNATURE));
  }

  @Test
  void hexCaseOfTheSignatureDoesNotMatter() {
    String upperHex = "sha256=" + GITHUB_SIGNATURE.substring(7).toUpperCase();
    assertTrue(new WebhookSignature(List.of(GITHUB_SECRET)).verify(HELLO, upperHex));
  }

  @Test
  void toStringHidesTheSecrets() {
    String s = new WebhookSignature(List.of(GITHUB_SECRET, "second")).toString();
    assertFalse(s.contains("Secret to Everybody"));
    assertFalse(s.contains("second"));
  }
}
