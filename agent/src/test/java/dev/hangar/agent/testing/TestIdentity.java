package dev.hangar.agent.testing;

import dev.hangar.agent.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A test CA standing in for AWS's regional RSA-2048 identity certificate: it signs instance
 * identity documents the way IMDS serves them at {@code /latest/dynamic/instance-identity/rsa2048}
 * (CMS SignedData, SHA-256 with RSA-2048, document JSON encapsulated, no certificate embedded,
 * base64 in 64-character lines), and verifies them as the gateway does.
 */
public final class TestIdentity {
  private final KeyPair key;
  private final X509Certificate certificate;

  private TestIdentity(KeyPair key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  public static TestIdentity create() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair key = gen.generateKeyPair();
      X500Name name = new X500Name("CN=Hangar test identity CA,O=Hangar tests");
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), name, key.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
      return new TestIdentity(key, cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Writes the CA certificate as PEM (for a gateway that trusts it). */
  public Path writeCertificate(Path dir) throws Exception {
    Path file = dir.resolve("identity-ca.pem");
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    return file;
  }

  /** The identity document JSON of an instance, shaped as IMDS serves it. */
  public static String documentJson(String instanceId) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("accountId", "123456789012");
    doc.put("architecture", "x86_64");
    doc.put("availabilityZone", "us-east-1a");
    doc.put("imageId", "ami-0abcdef1234567890");
    doc.put("instanceId", instanceId);
    doc.put("instanceType", "m7i.large");
    doc.put("pendingTime", "2026-11-27T09:00:00Z");
    doc.put("privateIp", "10.0.1.23");
    doc.put("region", "us-east-1");
    doc.put("version", "2017-09-30");
    return Json.write(doc);
  }

  public String rsa2048(String instanceId) {
    try {
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()), certificate));
      CMSSignedData signed = gen.generate(
          new CMSProcessableByteArray(documentJson(instanceId).getBytes(StandardCharsets.UTF_8)), true);
      return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signed.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies a PKCS#7 text against this CA; the instance id it names, or empty when it does not verify. */
  public Optional<String> verify(String pkcs7) {
    try {
      CMSSignedData signed = new CMSSignedData(Base64.getMimeDecoder().decode(pkcs7));
      for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
          return Optional.empty();
        }
      }
      String json = new String((byte[]) signed.getSignedContent().getContent(), StandardCharsets.UTF_8);
      Object id = Json.parseObject(json).get("instanceId");
      return Optional.ofNullable(id).map(Object::toString);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
