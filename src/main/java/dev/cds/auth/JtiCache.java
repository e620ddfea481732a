package dev.cds.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code jti}s of accepted tokens, each kept until its token expires, so that a token is
 * accepted once. Bounded: a token lives at most a few minutes (see {@link JwtVerifier}), and when
 * {@code capacity} tokens are alive at once, new ones are refused rather than older ones
 * forgotten, which would let those be replayed.
 */
final class JtiCache {
  enum Outcome { FRESH, REPLAYED, FULL }

  private final int capacity;
  /** In arrival order, so expired entries are dropped from the front without a scan of all. */
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  JtiCache(int capacity) {
    this.capacity = capacity;
  }

  /** Records {@code jti} until {@code expiry}, unless it is already there or there is no room. */
  synchronized Outcome add(String jti, Instant expiry, Instant now) {
    dropExpired(now);
    if (seen.containsKey(jti)) {
      return Outcome.REPLAYED;
    }
    if (seen.size() >= capacity) {
      return Outcome.FULL;
    }
    seen.put(jti, expiry);
    return Outcome.FRESH;
  }

  /**
   * Drops expired entries from the front, stopping at the first live one. An expired entry behind
   * a live one waits for it; every token lives at most the verifier's maximum lifetime, so what
   * is kept is bounded by the tokens of that last stretch of time.
   */
  private void dropExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (now.isBefore(it.next().getValue())) {
        return;
      }
      it.remove();
    }
  }
}
