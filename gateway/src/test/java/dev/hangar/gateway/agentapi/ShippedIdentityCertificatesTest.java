package dev.hangar.gateway.agentapi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The AWS RSA-2048 certificates the gateway ships and trusts by default. */
class ShippedIdentityCertificatesTest {
  /** AWS's commercial (aws partition) regions. */
  static final Set<String> COMMERCIAL = Set.of(
      "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
      "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
      "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
      "us-west-1", "us-west-2");
  /** Commercial regions whose certificate is not shipped (listed in the directory's README). */
  static final Set<String> MISSING = Set.of(
      "ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1");
  static final Instant TODAY = Instant.parse("2026-12-05T00:00:00Z");
  static final Path DIR = Path.of("src/main/resources", IdentityCertificates.RESOURCE_DIR);

  @Test
  void everyShippedCertificateIsAnUnexpiredRsa2048CertificateNamedForItsRegion() {
    Map<String, X509Certificate> shipped = IdentityCertificates.shipped();
    assertTrue(shipped.size() > 0);
    shipped.forEach((region, cert) -> {
      assertTrue(COMMERCIAL.contains(region), region + " is not a commercial region name");
      assertEquals("RSA", cert.getPublicKey().getAlgorithm(), region);
      assertEquals(2048, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength(), region);
      assertDoesNotThrow(() -> cert.checkValidity(Date.from(TODAY)), region + " valid on " + TODAY);
      assertDoesNotThrow(() -> cert.checkValidity(), region + " valid now");
      // Self-signed by AWS: a changed character anywhere breaks this signature.
      assertDoesNotThrow(() -> cert.verify(cert.getPublicKey()), region + " self-signature");
    });
  }

  @Test
  void theShippedSetCoversEveryCommercialRegionButTheListedOnes() {
    Set<String> expected = new TreeSet<>(COMMERCIAL);
    expected.removeAll(MISSING);
    assertEquals(expected, new TreeSet<>(IdentityCertificates.shipped().keySet()));
    assertEquals(29, expected.size());
  }

  @Test
  void indexListsExactlyThePemFilesOfTheDirectory() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pem"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> indexed = IdentityCertificates.shipped().keySet().stream().map(r -> r + ".pem")
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, indexed);
  }

  @Test
  void theReadmeNamesEveryMissingRegion() throws IOException {
    String readme = Files.readString(DIR.resolve("README.md"));
    MISSING.forEach(region -> assertTrue(readme.contains("`" + region + "`"), region));
  }

  @Test
  void noRegionSharesAnotherRegionsCertificate() {
    var shipped = IdentityCertificates.shipped();
    assertEquals(shipped.size(), Set.copyOf(shipped.values()).size());
  }
}
