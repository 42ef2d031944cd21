package dev.hangar.gateway.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** A throw-away GitHub App key pair for tests, with its PKCS#1 and PKCS#8 PEM forms. */
public final class TestAppKeys {
  private static KeyPair pair;

  private TestAppKeys() {}

  public static synchronized KeyPair pair() {
    if (pair == null) {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        pair = g.generateKeyPair();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return pair;
  }

  /** {@code -----BEGIN RSA PRIVATE KEY-----}, as GitHub hands out app keys. */
  public static String pkcs1Pem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(pair().getPrivate());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** {@code -----BEGIN PRIVATE KEY-----}. */
  public static String pkcs8Pem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(new JcaPKCS8Generator(pair().getPrivate(), null));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
