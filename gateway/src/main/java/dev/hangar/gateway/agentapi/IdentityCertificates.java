package dev.hangar.gateway.agentapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the X.509 certificates that instance identity signatures are checked against: the PEM
 * files (or inline PEM texts) in {@code agentApi.identityCertificates}, or AWS's regional
 * certificates shipped as {@code agentapi/aws-identity-certs/<region>.pem} (listed in its
 * {@code index.txt}). Runs at start-up.
 */
public final class IdentityCertificates {
  static final String RESOURCE_DIR = "agentapi/aws-identity-certs/";
  private static final String INLINE_PEM = "-----BEGIN CERTIFICATE-----";
  private static final String PEM_SUFFIX = ".pem";

  private IdentityCertificates() {}

  /** The configured files or PEM texts, or the shipped resources when none are configured. */
  public static List<X509Certificate> load(List<String> files) {
    return trust(files).all();
  }

  /**
   * What verifies documents: the configured certificates for every region when any are
   * configured (they replace the shipped set), else each shipped certificate for its own region.
   */
  public static IdentityTrust trust(List<String> files) {
    return files.isEmpty() ? IdentityTrust.perRegion(shipped()) : IdentityTrust.anyRegion(configured(files));
  }

  /** The shipped certificates by region, named by their {@code <region>.pem} file. */
  public static Map<String, X509Certificate> shipped() {
    Map<String, X509Certificate> byRegion = new LinkedHashMap<>();
    for (String name : shippedNames()) {
      if (!name.endsWith(PEM_SUFFIX)) {
        throw new IllegalStateException("not a <region>.pem name in " + RESOURCE_DIR + "index.txt: " + name);
      }
      try (InputStream in = resource(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
        }
        List<X509Certificate> certs = parse(in.readAllBytes(), RESOURCE_DIR + name);
        if (certs.size() != 1) {
          throw new IllegalStateException("expected one certificate in " + RESOURCE_DIR + name);
        }
        byRegion.put(name.substring(0, name.length() - PEM_SUFFIX.length()), certs.get(0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return byRegion;
  }

  private static List<X509Certificate> configured(List<String> files) {
    List<X509Certificate> certs = new ArrayList<>();
    for (String file : files) {
      if (file.strip().startsWith(INLINE_PEM)) {
        // Inline PEM: how Terraform renders the certificates into the config parameter.
        certs.addAll(parse(file.getBytes(StandardCharsets.US_ASCII), "agentApi.identityCertificates"));
        continue;
      }
      try {
        certs.addAll(parse(Files.readAllBytes(Path.of(file)), file));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "agentApi.identityCertificates: cannot read " + file + ": " + e.getMessage());
      }
    }
    return certs;
  }

  /** Parses every PEM certificate in one file. */
  public static List<X509Certificate> parse(byte[] pem, String source) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c : cf.generateCertificates(new ByteArrayInputStream(pem))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + source);
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + source);
    }
  }

  private static List<String> shippedNames() {
    try (InputStream in = resource("index.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    return IdentityCertificates.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name);
  }
}
