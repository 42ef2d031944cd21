package dev.hangar.gateway.github;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a GitHub App private key from PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what
 * GitHub hands out) or PKCS#8 ({@code BEGIN PRIVATE KEY}). Errors never quote the input.
 */
public final class PrivateKeyPem {
  private PrivateKeyPem() {}

  /** The RSA private key in {@code pem}; IllegalArgumentException naming only the source. */
  public static PrivateKey parse(String pem, String source) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "GitHub App private key from " + source + " is not valid PEM");
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      PrivateKey key;
      if (parsed instanceof PEMKeyPair pair) {
        key = converter.getKeyPair(pair).getPrivate();
      } else if (parsed instanceof PrivateKeyInfo info) {
        key = converter.getPrivateKey(info);
      } else {
        throw new IllegalArgumentException(
            "GitHub App private key from " + source
                + " must be a PKCS#1 or PKCS#8 RSA private key PEM");
      }
      if (!(key instanceof RSAPrivateKey)) {
        throw new IllegalArgumentException(
            "GitHub App private key from " + source + " is not an RSA key");
      }
      return key;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "GitHub App private key from " + source + " cannot be decoded");
    }
  }
}
