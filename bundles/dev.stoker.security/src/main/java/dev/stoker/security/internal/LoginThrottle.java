package dev.stoker.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing. After {@code freeAttempts} failures for a key (a user name, or a
 * source address), further attempts are refused for a delay that doubles with each failure, up to
 * {@code maxDelay}. A success clears the key. Entries expire with their delay, so memory stays bounded
 * by the attackers' recent activity.
 */
final class LoginThrottle {
  private final Clock clock;
  private final Duration baseDelay;
  private volatile Limits limits;
  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock, int freeAttempts, Duration baseDelay, Duration maxDelay) {
    this.clock = clock;
    this.baseDelay = baseDelay;
    this.limits = new Limits(freeAttempts, maxDelay);
  }

  private record Failures(int count, Instant blockedUntil) {
  }

  private record Limits(int freeAttempts, Duration maxDelay) {
  }

  /** Failures from now on count against these limits; delays already imposed run out as they were. */
  void limits(int freeAttempts, Duration maxDelay) {
    this.limits = new Limits(freeAttempts, maxDelay);
  }

  /** @return whether an attempt for every one of {@code keys} may go ahead now */
  boolean allowed(String... keys) {
    Instant now = clock.instant();
    for (String key : keys) {
      Failures f = failures.get(key);
      if (f != null && now.isBefore(f.blockedUntil())) {
        return false;
      }
    }
    return true;
  }

  void failed(String... keys) {
    Instant now = clock.instant();
    Limits current = limits;
    int freeAttempts = current.freeAttempts();
    Duration maxDelay = current.maxDelay();
    failures.values().removeIf(f -> f.blockedUntil().plus(maxDelay).isBefore(now));
    for (String key : keys) {
      failures.compute(key, (k, f) -> {
        int count = f == null ? 1 : f.count() + 1;
        Instant until = now;
        if (count >= freeAttempts) {
          int doublings = Math.min(count - freeAttempts, 20);
          Duration delay = baseDelay.multipliedBy(1L << doublings);
          until = now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        }
        return new Failures(count, until);
      });
    }
  }

  void succeeded(String key) {
    failures.remove(key);
  }
}
