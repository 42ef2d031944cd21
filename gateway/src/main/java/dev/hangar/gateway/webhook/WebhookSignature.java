package dev.hangar.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} and the hex HMAC-SHA256
 * of the raw body. Every configured secret is tried (rotation), each comparison in constant
 * time. The secrets never leave this object, not even through {@link #toString()}.
 */
public final class WebhookSignature {
  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final List<SecretKeySpec> keys;
  private final ThreadLocal<Mac[]> macs;

  public WebhookSignature(List<String> secrets) {
    this.keys = secrets.stream()
        .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
        .toList();
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  /** True when {@code header} is a valid signature of {@code body} under any secret. */
  public boolean verify(byte[] body, String header) {
    if (header == null || header.length() != PREFIX.length() + 64 || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    boolean match = false;
    for (Mac mac : macs.get()) {
      // No early exit: the time taken does not tell which secret matched.
      match |= MessageDigest.isEqual(mac.doFinal(body), given);
    }
    return match;
  }

  /** The header value GitHub would send for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private Mac[] newMacs() {
    try {
      Mac[] out = new Mac[keys.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Mac.getInstance(ALGORITHM);
        out[i].init(keys.get(i));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[" + keys.size() + " secret(s)]";
  }
}
