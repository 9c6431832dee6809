package dev.stoker.rest.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per principal: {@code burst} requests at once, refilled at {@code perMinute}. Buckets that are
 * full again are dropped when many principals have one, so memory stays bounded by recent callers.
 */
final class RateLimiter {
  private static final int PRUNE_ABOVE = 10_000;

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final double perNano;
  private final int burst;
  private final LongSupplier nanos;

  /**
   * @param perMinute requests per minute a principal may make on average; 0 or less: no limit
   * @param burst requests a principal may make at once
   */
  RateLimiter(int perMinute, int burst, LongSupplier nanos) {
    this.perNano = perMinute <= 0 ? 0 : perMinute / 60e9;
    this.burst = Math.max(1, burst);
    this.nanos = nanos;
  }

  boolean enabled() {
    return perNano > 0;
  }

  /**
   * Takes one request from {@code principal}'s bucket.
   *
   * @return 0 when allowed, else the whole seconds until one request is allowed again (at least 1)
   */
  long acquire(String principal) {
    if (!enabled()) {
      return 0;
    }
    long now = nanos.getAsLong();
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> refill(b, now) >= burst);
    }
    Bucket bucket = buckets.computeIfAbsent(principal, p -> new Bucket(burst, now));
    synchronized (bucket) {
      double tokens = refill(bucket, now);
      if (tokens >= 1) {
        bucket.tokens = tokens - 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
  }

  private double refill(Bucket bucket, long now) {
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
      bucket.updated = now;
      return bucket.tokens;
    }
  }
}
