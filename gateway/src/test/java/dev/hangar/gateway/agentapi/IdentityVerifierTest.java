package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.agentapi.IdentityException.Reason;
import dev.hangar.gateway.testing.IdentityDocuments;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;

/** Verification of the IMDS rsa2048 PKCS#7 text against trusted certificates only. */
class IdentityVerifierTest {
  static final IdentityDocuments AWS = AgentApiHarness.signer();
  static final IdentityDocuments OTHER = IdentityDocuments.newSigner("Someone else");
  static final String DOC =
      IdentityDocuments.documentJson("i-0123456789abcdef0", "eu-west-1", "123456789012", "2026-11-27T09:58:00Z");

  final IdentityVerifier verifier = new IdentityVerifier(List.of(OTHER.certificate(), AWS.certificate()));

  @Test
  void acceptsASignedDocumentAsIMDSServesIt() throws Exception {
    IdentityDocument d = verifier.verify(AWS.sign(DOC));
    assertEquals(new IdentityDocument("i-0123456789abcdef0", "eu-west-1", "123456789012",
        "2026-11-27T09:58:00Z", "ami-0abcdef1234567890", "m7i.large", "10.0.1.23"), d);
  }

  @Test
  void acceptsTheTextWithPemArmourOrWithoutLineBreaks() throws Exception {
    String text = AWS.sign(DOC);
    verifier.verify("-----BEGIN PKCS7-----\n" + text + "\n-----END PKCS7-----\n");
    verifier.verify(text.replace("\n", ""));
  }

  @Test
  void refusesADocumentSignedByAnUntrustedKey() {
    var onlyAws = new IdentityVerifier(List.of(AWS.certificate()));
    var e = assertThrows(IdentityException.class, () -> onlyAws.verify(OTHER.sign(DOC)));
    assertEquals("identity document signature not verified", e.getMessage());
  }

  @Test
  void refusesAForgeryThatEmbedsItsOwnCertificate() throws Exception {
    // Only configured certificates count: a certificate inside the message proves nothing.
    var onlyAws = new IdentityVerifier(List.of(AWS.certificate()));
    CMSSignedData forged = CMSSignedData.replaceCertificatesAndCRLs(
        new CMSSignedData(Base64.getMimeDecoder().decode(OTHER.sign(DOC))),
        new JcaCertStore(List.of(OTHER.certificate())), null, null);
    String text = Base64.getEncoder().encodeToString(forged.getEncoded());
    assertThrows(IdentityException.class, () -> onlyAws.verify(text));
  }

  @Test
  void refusesChangedContentUnderAGenuineSignature() {
    String edited = IdentityDocuments.withContent(AWS.sign(DOC), DOC.replace("i-0123456789abcdef0", "i-0fedcba9876543210"));
    assertThrows(IdentityException.class, () -> verifier.verify(edited));
  }

  @Test
  void refusesAMessageWithoutSignersOrContent() throws Exception {
    CMSSignedData unsigned = new CMSSignedDataGenerator()
        .generate(new CMSProcessableByteArray(DOC.getBytes(StandardCharsets.UTF_8)), true);
    assertThrows(IdentityException.class,
        () -> verifier.verify(Base64.getEncoder().encodeToString(unsigned.getEncoded())));
    CMSSignedData detached = new CMSSignedDataGenerator()
        .generate(new CMSProcessableByteArray(DOC.getBytes(StandardCharsets.UTF_8)), false);
    var e = assertThrows(IdentityException.class,
        () -> verifier.verify(Base64.getEncoder().encodeToString(detached.getEncoded())));
    assertEquals("identity document carries no content", e.getMessage());
  }

  @Test
  void refusesSignedContentThatIsNotAnIdentityDocument() {
    assertThrows(IdentityException.class, () -> verifier.verify(AWS.sign("[1,2,3]")));
    assertThrows(IdentityException.class, () -> verifier.verify(AWS.sign("{\"instanceId\":\"i-0123456789abcdef0\"}")));
  }

  @Test
  void refusesEverythingWithoutCertificates() {
    var none = new IdentityVerifier(List.of());
    var e = assertThrows(IdentityException.class, () -> none.verify(AWS.sign(DOC)));
    assertEquals("no instance identity certificates configured", e.getMessage());
  }

  @Test
  void shippedCertificateDirectoryLoadsAndConfiguredFilesOverrideIt() throws Exception {
    // No configuration: every shipped regional certificate (another engineer's check-config
    // reads them through load(List)).
    assertEquals(List.copyOf(IdentityCertificates.shipped().values()).size(), IdentityCertificates.load(List.of()).size());
    assertTrue(IdentityCertificates.load(List.of()).containsAll(IdentityCertificates.shipped().values()));
    var file = java.nio.file.Files.createTempFile("aws", ".pem");
    try {
      java.nio.file.Files.writeString(file, AWS.certificatePem() + OTHER.certificatePem());
      assertEquals(List.of(AWS.certificate(), OTHER.certificate()), IdentityCertificates.load(List.of(file.toString())));
      // Configured certificates replace the shipped set completely, for every region.
      IdentityTrust trust = IdentityCertificates.trust(List.of(file.toString()));
      assertEquals(List.of(AWS.certificate(), OTHER.certificate()), trust.forRegion("us-east-1"));
      assertEquals(List.of(AWS.certificate(), OTHER.certificate()), trust.all());
      java.nio.file.Files.writeString(file, "not a certificate");
      var e = assertThrows(IllegalArgumentException.class, () -> IdentityCertificates.load(List.of(file.toString())));
      assertEquals("not a PEM certificate: " + file, e.getMessage());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void aRegionsDocumentIsVerifiedWithThatRegionsCertificateOnly() throws Exception {
    var own = new IdentityVerifier(IdentityTrust.perRegion(Map.of("eu-west-1", AWS.certificate())));
    assertEquals("eu-west-1", own.verify(AWS.sign(DOC)).region());

    var swapped = new IdentityVerifier(
        IdentityTrust.perRegion(Map.of("eu-west-1", OTHER.certificate(), "eu-west-2", AWS.certificate())));
    var e = assertThrows(IdentityException.class, () -> swapped.verify(AWS.sign(DOC)));
    assertEquals(Reason.SIGNATURE, e.reason());

    String elsewhere = IdentityDocuments.documentJson("i-0123456789abcdef0", "eu-west-2", "123456789012", "2026-11-27T09:58:00Z");
    e = assertThrows(IdentityException.class, () -> own.verify(AWS.sign(elsewhere)));
    assertEquals(Reason.NO_CERTIFICATE, e.reason());
    assertEquals("no trusted instance identity certificate for region eu-west-2", e.getMessage());
  }

  @Test
  void anUnverifiedRegionClaimIsNotEchoedUnlessItLooksLikeARegion() {
    var own = new IdentityVerifier(IdentityTrust.perRegion(Map.of("eu-west-1", AWS.certificate())));
    String odd = IdentityDocuments.documentJson("i-0123456789abcdef0", "eu-west-1\n\u001b[31m", "123456789012", "2026-11-27T09:58:00Z");
    var e = assertThrows(IdentityException.class, () -> own.verify(AWS.sign(odd)));
    assertEquals("no trusted instance identity certificate for region (not a region name)", e.getMessage());
  }

  @Test
  void everyRefusalNamesItsCheck() {
    assertEquals(Reason.MALFORMED, assertThrows(IdentityException.class, () -> verifier.verify("%%%")).reason());
    assertEquals(Reason.MALFORMED, assertThrows(IdentityException.class, () -> verifier.verify(AWS.sign("[1]"))).reason());
    var onlyAws = new IdentityVerifier(List.of(AWS.certificate()));
    assertEquals(Reason.SIGNATURE, assertThrows(IdentityException.class, () -> onlyAws.verify(OTHER.sign(DOC))).reason());
    assertEquals(Reason.NO_CERTIFICATE,
        assertThrows(IdentityException.class, () -> new IdentityVerifier(List.of()).verify(AWS.sign(DOC))).reason());
  }

  @Test
  void inlinePemTextsAreTrustedAsRenderedIntoTheConfig() {
    assertEquals(
        List.of(AWS.certificate(), OTHER.certificate()),
        IdentityCertificates.load(List.of(AWS.certificatePem(), OTHER.certificatePem())));
    var e = assertThrows(IllegalArgumentException.class,
        () -> IdentityCertificates.load(List.of("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")));
    assertEquals("not a PEM certificate: agentApi.identityCertificates", e.getMessage());
  }
}
