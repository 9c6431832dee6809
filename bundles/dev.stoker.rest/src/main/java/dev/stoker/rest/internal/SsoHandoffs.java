package dev.stoker.rest.internal;

import dev.stoker.api.security.TokenGrant;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a session made by a single sign-on callback to the console without putting the session token in a URL:
 * the callback redirects with a random one-time code, which the console trades for the session within
 * {@link #TTL}.
 */
final class SsoHandoffs {
  static final Duration TTL = Duration.ofSeconds(60);
  private static final int MAX = 10_000;

  private record Entry(TokenGrant grant, Instant expires) {
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  SsoHandoffs(Clock clock) {
    this.clock = clock;
  }

  /** @return the one-time code for {@code grant} */
  String put(TokenGrant grant) {
    Instant now = clock.instant();
    entries.values().removeIf(e -> !now.isBefore(e.expires()));
    if (entries.size() >= MAX) {
      throw ProblemException.unavailable("too many sign-ins in progress; try again in a minute");
    }
    byte[] b = new byte[32];
    random.nextBytes(b);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    entries.put(code, new Entry(grant, now.plus(TTL)));
    return code;
  }

  /** @return the session of {@code code}, once */
  Optional<TokenGrant> take(String code) {
    Entry e = code == null ? null : entries.remove(code);
    return e == null || !clock.instant().isBefore(e.expires()) ? Optional.empty() : Optional.of(e.grant());
  }
}
