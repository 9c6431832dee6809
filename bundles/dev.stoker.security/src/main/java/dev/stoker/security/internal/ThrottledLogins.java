package dev.stoker.security.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts login attempts refused by the throttle, per source, so that a flood is recorded as a sample: the
 * 1st, 2nd, 4th, 8th, ... attempt of a run is audited (with the count so far), not every one. The map is
 * bounded: past {@link #MAX_SOURCES} sources it starts afresh.
 */
final class ThrottledLogins {
  static final int MAX_SOURCES = 10_000;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  /** @return the number of throttled attempts from the source so far, this one included */
  long count(String source) {
    if (counts.size() > MAX_SOURCES) {
      counts.clear();
    }
    return counts.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
  }

  /** Forgets a source after a successful login. */
  void reset(String source) {
    counts.remove(source);
  }

  /** @return whether the n-th throttled attempt is audited: powers of two */
  static boolean sampled(long n) {
    return n > 0 && (n & (n - 1)) == 0;
  }
}
