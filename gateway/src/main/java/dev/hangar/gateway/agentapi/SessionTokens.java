package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.config.AgentApiConfig;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Issues and checks the agent session tokens: HS256 JWTs with {@code sub} = instance id, a short
 * {@code exp} and a unique {@code jti}. The key is shared by replicas through configuration, or
 * random per process.
 */
public final class SessionTokens {
  private static final String ISSUER = "hangar-gateway";
  private static final String AUDIENCE = "hangar-agent";
  private final SecretKey key;
  private final Duration ttl;
  private final Clock clock;
  /** Built once: the parser is immutable and reads the clock at each check. */
  private final JwtParser parser;

  /** A token source; {@code base64Key} empty means a fresh random key. */
  public SessionTokens(String base64Key, Duration ttl, Clock clock) {
    this.key = Keys.hmacShaKeyFor(keyBytes(base64Key));
    this.ttl = ttl;
    this.clock = clock;
    this.parser =
        Jwts.parser()
            .verifyWith(key)
            .clock(() -> Date.from(clock.instant()))
            .requireIssuer(ISSUER)
            .requireAudience(AUDIENCE)
            .build();
  }

  /** A new token for the instance. */
  public Session issue(String instanceId) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant expires = now.plus(ttl);
    String token =
        Jwts.builder()
            .issuer(ISSUER)
            .audience().add(AUDIENCE).and()
            .subject(instanceId)
            .id(UUID.randomUUID().toString())
            .issuedAt(Date.from(now))
            .expiration(Date.from(expires))
            .signWith(key, Jwts.SIG.HS256)
            .compact();
    return new Session(token, instanceId, expires);
  }

  /** The instance the token was issued to; fails when it is expired, forged or malformed. */
  public String instanceOf(String token) throws InvalidTokenException {
    try {
      Claims claims = parser.parseSignedClaims(token).getPayload();
      String sub = claims.getSubject();
      if (sub == null || sub.isBlank() || claims.getExpiration() == null) {
        throw new InvalidTokenException("invalid session token");
      }
      return sub;
    } catch (ExpiredJwtException e) {
      throw new InvalidTokenException("session token expired");
    } catch (JwtException | IllegalArgumentException e) {
      throw new InvalidTokenException("invalid session token");
    }
  }

  static byte[] keyBytes(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      return random;
    }
    return AgentApiConfig.decodeSessionKey(base64Key);
  }

  /** An issued token; its text is a secret and is not printed by {@link #toString()}. */
  public record Session(String token, String instanceId, Instant expiresAt) {
    @Override
    public String toString() {
      return "Session[instanceId=" + instanceId + ", expiresAt=" + expiresAt + ", token=***]";
    }
  }

  /** A token that must be refused with 401; the message is safe to log and answer. */
  public static final class InvalidTokenException extends Exception {
    InvalidTokenException(String message) {
      super(message, null, false, false);
    }
  }
}
