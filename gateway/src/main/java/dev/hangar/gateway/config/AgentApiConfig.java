package dev.hangar.gateway.config;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Configuration section {@code agentApi}: how the agent API verifies instances and what it hands
 * out. Every field is optional; a missing field takes the default named here.
 *
 * @param identityCertificates PEM files, or inline PEM texts, with the AWS RSA-2048 instance
 *     identity certificates to trust; empty = the certificates shipped in the gateway ({@code
 *     agentapi/aws-identity-certs/})
 * @param accountId when set, identity documents of other AWS accounts are refused
 * @param sessionTtl lifetime of a session token ({@code PT1H}, {@code 1h}, {@code 30m},
 *     {@code 90s}); default one hour
 * @param sessionKey base64 HMAC key (at least 32 bytes) shared by gateway replicas; empty = a
 *     random key per process (tokens then only work on the replica that issued them)
 * @param runnerVersion pins the runner version agents must run; empty = latest release
 * @param runnerDownload where agents download the required runner ({@code {version}} in the URL
 *     is replaced); sha256 is only handed out with a pinned version
 * @param launchHook name of the launch lifecycle hook on the pools' groups
 * @param terminationHook name of the termination lifecycle hook on the pools' groups
 * @param bodyLimitBytes largest accepted request body
 * @param rateLimits limits on the calls that reach GitHub or AWS ({@code session}, {@code
 *     register}, {@code events}, {@code retire}, {@code lifecycle}); defaults in {@link RateLimits}
 */
public record AgentApiConfig(
    List<String> identityCertificates,
    String accountId,
    Duration sessionTtl,
    String sessionKey,
    String runnerVersion,
    RunnerDownload runnerDownload,
    String launchHook,
    String terminationHook,
    Integer bodyLimitBytes,
    RateLimits rateLimits) {

  /** A token bucket: {@code burst} calls at once, {@code perMinute} calls back per minute. */
  public record RateLimit(Integer burst, Integer perMinute) {
    public RateLimit {
      if (burst == null || burst < 1 || perMinute == null || perMinute < 1) {
        throw new IllegalArgumentException("burst and perMinute: must be at least 1");
      }
    }
  }

  /**
   * Per call: {@code perInstance} limits one session's instance (authenticated calls only: before
   * the identity is verified the claimed instance proves nothing, and behind the load balancer
   * every agent shares a few source addresses), {@code global} limits the whole fleet.
   */
  public record RateLimits(RateLimit perInstance, RateLimit global) {
    /** 10 at once and 10 a minute per instance; 200 at once and 600 a minute (10/s) overall. */
    public static final RateLimit PER_INSTANCE = new RateLimit(10, 10);
    public static final RateLimit GLOBAL = new RateLimit(200, 600);

    public RateLimits {
      perInstance = perInstance == null ? PER_INSTANCE : perInstance;
      global = global == null ? GLOBAL : global;
    }
  }

  /** Without {@code rateLimits}: the defaults. */
  public AgentApiConfig(
      List<String> identityCertificates, String accountId, Duration sessionTtl, String sessionKey,
      String runnerVersion, RunnerDownload runnerDownload, String launchHook, String terminationHook,
      Integer bodyLimitBytes) {
    this(identityCertificates, accountId, sessionTtl, sessionKey, runnerVersion, runnerDownload,
        launchHook, terminationHook, bodyLimitBytes, null);
  }

  /** Operator-configured runner download location; {@code url} may contain {@code {version}}. */
  public record RunnerDownload(String url, String sha256) {}

  public AgentApiConfig {
    identityCertificates = identityCertificates == null ? List.of() : List.copyOf(identityCertificates);
    sessionTtl = sessionTtl == null ? Duration.ofHours(1) : sessionTtl;
    launchHook = blank(launchHook) ? "hangar-launch" : launchHook;
    terminationHook = blank(terminationHook) ? "hangar-termination" : terminationHook;
    bodyLimitBytes = bodyLimitBytes == null ? 16 * 1024 : bodyLimitBytes;
    rateLimits = rateLimits == null ? new RateLimits(null, null) : rateLimits;
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("bodyLimitBytes: must be at least 1024");
    }
    if (runnerDownload != null && blank(runnerDownload.url())) {
      throw new IllegalArgumentException("runnerDownload.url: required");
    }
    if (runnerDownload != null && !blank(runnerDownload.sha256())
        && !runnerDownload.sha256().matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("runnerDownload.sha256: must be 64 lowercase hex digits");
    }
    if (!blank(runnerVersion) && !runnerVersion.trim().matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
      throw new IllegalArgumentException("runnerVersion: must look like 2.321.0");
    }
    if (!blank(accountId) && !accountId.trim().matches("[0-9]{12}")) {
      throw new IllegalArgumentException("accountId: must be a 12-digit AWS account id");
    }
    if (!blank(sessionKey)) {
      decodeSessionKey(sessionKey);
    }
    if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 || sessionTtl.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("sessionTtl: must be between 1m and 12h");
    }
  }

  /** Every default. */
  public static AgentApiConfig defaults() {
    return new AgentApiConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The HMAC key written as {@code sessionKey}; the error names the key, never the text. Here so
   * that a bad key stops start-up with the key named, and the token source decodes it the same way.
   */
  public static byte[] decodeSessionKey(String base64Key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sessionKey: must be base64");
    }
    if (bytes.length < 32) {
      throw new IllegalArgumentException("sessionKey: must decode to at least 32 bytes");
    }
    return bytes;
  }

  @Override
  public String toString() {
    // The session key is a secret: never printed.
    return "AgentApiConfig[identityCertificates=" + identityCertificates + ", accountId=" + accountId
        + ", sessionTtl=" + sessionTtl + ", sessionKey=" + (blank(sessionKey) ? "<generated>" : "***")
        + ", runnerVersion=" + runnerVersion + ", runnerDownload=" + runnerDownload
        + ", launchHook=" + launchHook + ", terminationHook=" + terminationHook
        + ", bodyLimitBytes=" + bodyLimitBytes + ", rateLimits=" + rateLimits + "]";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
