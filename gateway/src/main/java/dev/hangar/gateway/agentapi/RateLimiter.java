package dev.hangar.gateway.agentapi;

import dev.hangar.gateway.config.AgentApiConfig;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key, on an injected clock: each key may spend {@code burst} calls at once and
 * gets {@code perMinute} back per minute. Memory is bounded: a bucket idle long enough to be full
 * again is indistinguishable from a new one and is dropped, and past {@code maxKeys} the least
 * recently used bucket goes (its key then starts full, the lenient side).
 */
final class RateLimiter {
  private final double burst;
  private final double tokensPerMilli;
  private final long refillMillis;
  private final int maxKeys;
  private final Clock clock;
  private final LinkedHashMap<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  RateLimiter(AgentApiConfig.RateLimit limit, int maxKeys, Clock clock) {
    this.burst = limit.burst();
    this.tokensPerMilli = limit.perMinute() / 60_000.0;
    this.refillMillis = (long) Math.ceil(burst / tokensPerMilli);
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > RateLimiter.this.maxKeys;
      }
    };
  }

  /** Takes one call from the key's bucket: 0 when allowed, else milliseconds until one is back. */
  synchronized long take(String key) {
    long now = clock.millis();
    sweep(now);
    Bucket b = buckets.get(key);
    if (b == null) {
      b = new Bucket(burst, now);
      buckets.put(key, b);
    } else {
      // A clock stepping back must not mint tokens.
      b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) * tokensPerMilli);
      b.at = Math.max(b.at, now);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - b.tokens) / tokensPerMilli));
  }

  /** Gives back a call taken by {@link #take} that another limit then refused. */
  synchronized void giveBack(String key) {
    Bucket b = buckets.get(key);
    if (b != null) {
      b.tokens = Math.min(burst, b.tokens + 1);
    }
  }

  /** Buckets held, for tests of the memory bound. */
  synchronized int size() {
    return buckets.size();
  }

  /** Drops buckets idle long enough to be full, oldest access first (access order). */
  private void sweep(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (now - it.next().at < refillMillis) {
        return;
      }
      it.remove();
    }
  }
}
