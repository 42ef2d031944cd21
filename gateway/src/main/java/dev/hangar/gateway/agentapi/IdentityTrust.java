package dev.hangar.gateway.agentapi;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which certificates may verify an instance identity document, by the region the document
 * claims: the bundled set trusts each region's own certificate only; an operator's override
 * ({@code agentApi.identityCertificates}) is trusted for every region.
 */
public final class IdentityTrust {
  private final Map<String, List<X509Certificate>> byRegion;
  private final List<X509Certificate> anyRegion;

  private IdentityTrust(Map<String, List<X509Certificate>> byRegion, List<X509Certificate> anyRegion) {
    this.byRegion = byRegion;
    this.anyRegion = anyRegion;
  }

  /** Each region's certificate verifies documents of that region only. */
  public static IdentityTrust perRegion(Map<String, X509Certificate> certificateByRegion) {
    Map<String, List<X509Certificate>> copy = new TreeMap<>();
    certificateByRegion.forEach((region, cert) -> copy.put(region, List.of(cert)));
    return new IdentityTrust(Map.copyOf(copy), List.of());
  }

  /**
   * These certificates verify documents of any region: configured certificates carry no
   * region, and the operator who lists them has chosen them.
   */
  public static IdentityTrust anyRegion(List<X509Certificate> certificates) {
    return new IdentityTrust(Map.of(), List.copyOf(certificates));
  }

  /** The certificates a document claiming this region may be verified with (possibly none). */
  public List<X509Certificate> forRegion(String region) {
    return anyRegion.isEmpty() ? byRegion.getOrDefault(region, List.of()) : anyRegion;
  }

  /** The regions with a certificate of their own; empty for an any-region set. */
  public Set<String> regions() {
    return byRegion.keySet();
  }

  /** Every trusted certificate. */
  public List<X509Certificate> all() {
    return anyRegion.isEmpty()
        ? byRegion.values().stream().flatMap(List::stream).toList()
        : anyRegion;
  }

  /** True when no document can be verified. */
  public boolean isEmpty() {
    return byRegion.isEmpty() && anyRegion.isEmpty();
  }
}
