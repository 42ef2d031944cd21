package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hangar.gateway.agentapi.IdentityException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;

/**
 * A real AWS-signed rsa2048 document (see {@code src/test/resources/agentapi/SOURCE}) against
 * the shipped certificates: it verifies with its own region's certificate and nothing else.
 */
class RealIdentityDocumentTest {
  static final String TEXT = resource("agentapi/us-west-2-rsa2048.p7");
  static final byte[] DER = Base64.getMimeDecoder().decode(TEXT);
  final IdentityVerifier shipped = new IdentityVerifier(IdentityCertificates.trust(java.util.List.of()));

  @Test
  void verifiesWithTheShippedCertificateOfItsRegion() throws Exception {
    assertEquals(
        new IdentityDocument("i-078517ca8a70a1dde", "us-west-2", "278576220453", "2021-09-03T21:25:44Z",
            "ami-0fa9e1f64142cde17", "t2.medium", "10.0.0.209"),
        shipped.verify(TEXT));
  }

  @Test
  void oneCharacterChangedInTheContentDoesNotVerify() {
    byte[] edited = replaceOnce(DER, "\"10.0.0.209\"", "\"10.0.0.208\"");
    var e = assertThrows(IdentityException.class, () -> shipped.verify(encode(edited)));
    assertEquals(Reason.SIGNATURE, e.reason());
  }

  @Test
  void oneCharacterChangedInTheSignatureDoesNotVerify() throws Exception {
    byte[] signature = new CMSSignedData(DER).getSignerInfos().getSigners().iterator().next().getSignature();
    byte[] edited = DER.clone();
    int at = indexOf(edited, signature) + signature.length / 2;
    edited[at] = (byte) (edited[at] ^ 0x01);
    var e = assertThrows(IdentityException.class, () -> shipped.verify(encode(edited)));
    assertEquals(Reason.SIGNATURE, e.reason());
  }

  @Test
  void anotherRegionsCertificateDoesNotVerifyIt() {
    var west1 = IdentityCertificates.shipped().get("us-west-1");
    var misfiled = new IdentityVerifier(IdentityTrust.perRegion(Map.of("us-west-2", west1)));
    assertEquals(Reason.SIGNATURE, assertThrows(IdentityException.class, () -> misfiled.verify(TEXT)).reason());
  }

  @Test
  void claimingAnotherRegionDoesNotBorrowThatRegionsCertificate() {
    // Same length, so only the claim changes: us-west-1's certificate is never asked to vouch
    // for a us-west-2 signature, and the claim no longer matches the signed content anyway.
    byte[] claimed = replaceOnce(DER, "\"us-west-2\"", "\"us-west-1\"");
    var e = assertThrows(IdentityException.class, () -> shipped.verify(encode(claimed)));
    assertEquals(Reason.SIGNATURE, e.reason());
  }

  @Test
  void aRegionWithoutShippedCertificateIsNamedAsSuch() {
    var eastOnly = new IdentityVerifier(
        IdentityTrust.perRegion(Map.of("us-east-1", IdentityCertificates.shipped().get("us-east-1"))));
    var e = assertThrows(IdentityException.class, () -> eastOnly.verify(TEXT));
    assertEquals(Reason.NO_CERTIFICATE, e.reason());
    assertEquals("no trusted instance identity certificate for region us-west-2", e.getMessage());
  }

  private static byte[] replaceOnce(byte[] der, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(der, f);
    assertEquals(-1, indexOf(java.util.Arrays.copyOfRange(der, at + 1, der.length), f), "unique: " + from);
    byte[] out = der.clone();
    System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, out, at, f.length);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String encode(byte[] der) {
    return Base64.getMimeEncoder().encodeToString(der);
  }

  private static String resource(String name) {
    try (InputStream in = RealIdentityDocumentTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
