package dev.hangar.gateway.github;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints the short-lived RS256 JWTs a GitHub App authenticates with: issued 60 s in the past
 * (clock drift), valid for at most 10 minutes as GitHub requires, issuer = app id, and a unique
 * {@code jti} each time.
 */
public final class AppJwt {
  static final Duration BACKDATE = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(9);

  private final long appId;
  private final PrivateKey key;
  private final Clock clock;

  public AppJwt(long appId, PrivateKey key, Clock clock) {
    this.appId = appId;
    this.key = key;
    this.clock = clock;
  }

  /** A fresh signed JWT. */
  public String mint() {
    Instant now = clock.instant();
    return Jwts.builder()
        .issuer(String.valueOf(appId))
        .issuedAt(Date.from(now.minus(BACKDATE)))
        .expiration(Date.from(now.plus(LIFETIME)))
        .id(UUID.randomUUID().toString())
        .signWith(key, Jwts.SIG.RS256)
        .compact();
  }

  @Override
  public String toString() {
    return "AppJwt[appId=" + appId + ", key=***]";
  }
}
