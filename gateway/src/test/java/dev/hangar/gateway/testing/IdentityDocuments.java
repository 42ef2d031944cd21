package dev.hangar.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.BEROctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Produces EC2 instance identity documents the way IMDS serves them at {@code
 * /latest/dynamic/instance-identity/rsa2048}: base64 DER (64-character lines) of a CMS
 * SignedData with the document JSON as encapsulated content, SHA-256 with RSA-2048, signed
 * attributes, no embedded certificate. The signer is a self-signed test certificate made at test
 * time, standing in for AWS's regional RSA-2048 certificate; trust it by writing {@link
 * #writeCertificate(Path)} and listing the file in {@code agentApi.identityCertificates}.
 *
 * <p>The agent module's IMDS double can follow the same recipe (BouncyCastle {@code
 * CMSSignedDataGenerator} with {@code JcaSignerInfoGeneratorBuilder}, encapsulate = true).
 */
public final class IdentityDocuments {
  private static final AtomicLong SERIAL = new AtomicLong(1);
  private final KeyPair key;
  private final X509Certificate certificate;

  private IdentityDocuments(KeyPair key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** A new signer with its own RSA-2048 key and self-signed certificate. */
  public static IdentityDocuments newSigner(String commonName) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair key = gen.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + commonName + ",O=Hangar tests");
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(SERIAL.getAndIncrement()),
              Date.from(now.minus(1, ChronoUnit.DAYS)),
              Date.from(now.plus(365, ChronoUnit.DAYS)),
              name,
              key.getPublic());
      X509Certificate cert =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
      return new IdentityDocuments(key, cert);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate that verifies this signer's documents. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate as PEM text. */
  public String certificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the certificate PEM into {@code dir} and returns the file. */
  public Path writeCertificate(Path dir) {
    try {
      Path file = Files.createTempFile(dir, "identity-", ".pem");
      Files.writeString(file, certificatePem());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The identity document JSON for an instance, shaped like the one IMDS serves. */
  public static String documentJson(
      String instanceId, String region, String accountId, String pendingTime) {
    return new JsonObject()
        .put("accountId", accountId)
        .put("architecture", "x86_64")
        .put("availabilityZone", region + "a")
        .putNull("billingProducts")
        .putNull("devpayProductCodes")
        .putNull("marketplaceProductCodes")
        .put("imageId", "ami-0abcdef1234567890")
        .put("instanceId", instanceId)
        .put("instanceType", "m7i.large")
        .putNull("kernelId")
        .put("pendingTime", pendingTime)
        .put("privateIp", "10.0.1.23")
        .putNull("ramdiskId")
        .put("region", region)
        .put("version", "2017-09-30")
        .encodePrettily();
  }

  /** The rsa2048 PKCS#7 text for an instance. */
  public String rsa2048(String instanceId, String region, String accountId, String pendingTime) {
    return sign(documentJson(instanceId, region, accountId, pendingTime));
  }

  /** Signs arbitrary document content, as IMDS would. */
  public String sign(String documentJson) {
    try {
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(signer(key), certificate));
      var signed =
          gen.generate(new CMSProcessableByteArray(documentJson.getBytes(StandardCharsets.UTF_8)), true);
      return mime(signed.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The same signed message with its content replaced: the signature no longer matches, as when
   * someone edits a genuine document (e.g. to claim another instance id).
   */
  public static String withContent(String pkcs7, String newDocumentJson) {
    try {
      ContentInfo outer = ContentInfo.getInstance(Base64.getMimeDecoder().decode(pkcs7));
      SignedData sd = SignedData.getInstance(outer.getContent());
      SignedData changed =
          new SignedData(
              sd.getDigestAlgorithms(),
              new ContentInfo(
                  CMSObjectIdentifiers.data,
                  new BEROctetString(newDocumentJson.getBytes(StandardCharsets.UTF_8))),
              sd.getCertificates(),
              sd.getCRLs(),
              sd.getSignerInfos());
      return mime(new ContentInfo(CMSObjectIdentifiers.signedData, changed).getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String mime(byte[] der) {
    return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
  }

  private static ContentSigner signer(KeyPair key) {
    try {
      return new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate());
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
