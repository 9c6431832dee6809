package dev.stoker.rest.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * MCP sessions ({@code Mcp-Session-Id}): a random id handed out on {@code initialize}, bound to the user who
 * initialized it (another caller presenting it is told it does not exist), forgotten after an idle time or when
 * the client ends it. The count is bounded: the least recently used session makes room for a new one.
 */
final class McpSessions {
  static final Duration IDLE = Duration.ofHours(1);
  static final int MAX = 10_000;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  /** A session: whose, the protocol version agreed, when last used (millis of the clock). */
  static final class Session {
    final String id;
    final String user;
    final String protocolVersion;
    volatile long lastUsed;

    Session(String id, String user, String protocolVersion, long now) {
      this.id = id;
      this.user = user;
      this.protocolVersion = protocolVersion;
      this.lastUsed = now;
    }
  }

  McpSessions(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  Session open(String user, String protocolVersion) {
    long now = clock.getAsLong();
    if (sessions.size() >= MAX) {
      sessions.values().removeIf(s -> expired(s, now));
      sessions.values().stream().min(Comparator.comparingLong(s -> s.lastUsed))
          .filter(s -> sessions.size() >= MAX).ifPresent(s -> sessions.remove(s.id));
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), user, protocolVersion, now);
    sessions.put(s.id, s);
    return s;
  }

  /** @return the caller's live session of this id (and marks it used), empty for any other */
  Optional<Session> find(String id, String user) {
    Session s = id == null ? null : sessions.get(id);
    long now = clock.getAsLong();
    if (s == null || !s.user.equals(user)) {
      return Optional.empty();
    }
    if (expired(s, now)) {
      sessions.remove(id, s);
      return Optional.empty();
    }
    s.lastUsed = now;
    return Optional.of(s);
  }

  /** @return whether the caller's session of this id existed and is now ended */
  boolean end(String id, String user) {
    return find(id, user).map(s -> sessions.remove(s.id, s)).orElse(false);
  }

  private static boolean expired(Session s, long now) {
    return now - s.lastUsed > IDLE.toMillis();
  }
}
