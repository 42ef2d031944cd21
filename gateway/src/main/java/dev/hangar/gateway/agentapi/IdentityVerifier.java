package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.agentapi.IdentityException.Reason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies the PKCS#7 text IMDS serves at {@code /latest/dynamic/instance-identity/rsa2048}: a
 * CMS SignedData carrying the identity document JSON, signed with AWS's regional RSA-2048 key.
 * Only the trusted certificates for the region the document claims count; certificates embedded
 * in the message are ignored.
 *
 * <p>BouncyCastle checks a certificate's validity at the document's signed signing time, not
 * now: AWS's identity certificates are long-lived (valid into the 22nd century), and a document
 * is only as old as its instance's launch.
 */
public final class IdentityVerifier {
  private static final int MAX_DER_BYTES = 8 * 1024;
  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");
  private final Map<X509Certificate, SignerInformationVerifier> verifiers = new HashMap<>();
  private final IdentityTrust trust;

  /** Trusts exactly these certificates, for documents of any region (none: every document is refused). */
  public IdentityVerifier(List<X509Certificate> trusted) {
    this(IdentityTrust.anyRegion(trusted));
  }

  /** Trusts each region's certificates for documents claiming that region. */
  public IdentityVerifier(IdentityTrust trust) {
    this.trust = trust;
    // Built now, at start-up: a certificate BouncyCastle cannot use fails the gateway's start.
    trust.all().forEach(cert -> verifiers.put(cert, verifierFor(cert)));
  }

  /** The document's fields when a trusted certificate's key signed exactly this content. */
  public IdentityDocument verify(String pkcs7Text) throws IdentityException {
    if (trust.isEmpty()) {
      throw new IdentityException(Reason.NO_CERTIFICATE, "no instance identity certificates configured");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(stripPemArmour(pkcs7Text));
    } catch (IllegalArgumentException e) {
      throw new IdentityException("identity document is not base64");
    }
    if (der.length == 0 || der.length > MAX_DER_BYTES) {
      throw new IdentityException("identity document has an unexpected size");
    }
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(der);
    } catch (CMSException | RuntimeException e) {
      throw new IdentityException("identity document is not a PKCS#7 signed message");
    }
    if (signed.getSignedContent() == null
        || !(signed.getSignedContent().getContent() instanceof byte[] content)) {
      throw new IdentityException("identity document carries no content");
    }
    // The claimed region only picks the certificate: a document signed with another region's
    // key, or edited to claim another region, does not verify.
    IdentityDocument claimed = parse(content);
    List<SignerInformationVerifier> forRegion =
        trust.forRegion(claimed.region()).stream().map(verifiers::get).toList();
    if (forRegion.isEmpty()) {
      // The region is not verified yet: named in the message only when it looks like one.
      String region = REGION_NAME.matcher(claimed.region()).matches() ? claimed.region() : "(not a region name)";
      throw new IdentityException(Reason.NO_CERTIFICATE, "no trusted instance identity certificate for region " + region);
    }
    if (!signedByTrustedKey(signed, forRegion)) {
      throw new IdentityException(Reason.SIGNATURE, "identity document signature not verified");
    }
    return claimed;
  }

  /** True when at least one certificate is trusted. */
  public boolean hasCertificates() {
    return !trust.isEmpty();
  }

  private boolean signedByTrustedKey(CMSSignedData signed, List<SignerInformationVerifier> verifiers) {
    var signers = signed.getSignerInfos().getSigners();
    if (signers.isEmpty()) {
      return false;
    }
    // Every signer must verify: a message with one good and one bogus signer is not AWS's.
    for (SignerInformation signer : signers) {
      if (!verifiesWithAny(signer, verifiers)) {
        return false;
      }
    }
    return true;
  }

  private static boolean verifiesWithAny(SignerInformation signer, List<SignerInformationVerifier> verifiers) {
    for (SignerInformationVerifier v : verifiers) {
      try {
        if (signer.verify(v)) {
          return true;
        }
      } catch (CMSException | RuntimeException wrongKeyOrTampered) {
        // Try the next trusted certificate.
      }
    }
    return false;
  }

  private static IdentityDocument parse(byte[] content) throws IdentityException {
    JsonObject json;
    try {
      json = new JsonObject(new String(content, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new IdentityException("identity document content is not JSON");
    }
    String instanceId = json.getValue("instanceId") instanceof String s ? s : null;
    String region = json.getValue("region") instanceof String s ? s : null;
    String pendingTime = json.getValue("pendingTime") instanceof String s ? s : null;
    if (instanceId == null || region == null || pendingTime == null) {
      throw new IdentityException("identity document lacks instanceId, region or pendingTime");
    }
    return new IdentityDocument(
        instanceId,
        region,
        str(json, "accountId"),
        pendingTime,
        str(json, "imageId"),
        str(json, "instanceType"),
        str(json, "privateIp"));
  }

  private static String str(JsonObject json, String key) {
    return json.getValue(key) instanceof String s ? s : null;
  }

  private static String stripPemArmour(String text) {
    return text.replaceAll("-----[A-Z0-9 ]+-----", "");
  }

  private static SignerInformationVerifier verifierFor(X509Certificate cert) {
    try {
      return new JcaSimpleSignerInfoVerifierBuilder().build(cert);
    } catch (OperatorCreationException e) {
      throw new IllegalArgumentException("unusable identity certificate " + cert.getSubjectX500Principal());
    }
  }
}
