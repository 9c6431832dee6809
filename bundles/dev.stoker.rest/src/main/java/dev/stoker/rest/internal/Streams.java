package dev.stoker.rest.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/**
 * Bounds the long streams (operation progress, log follow): each user may hold a limited number at once
 * (another one answers 429 with {@code Retry-After}), and every stream ends after a maximum time (the
 * client reconnects). Shared by the resources of this bundle; {@link ApiServer} sets the limits from its
 * configuration.
 */
final class Streams {
  static final Streams SHARED = new Streams();

  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private volatile int maxPerUser = 8;
  private volatile Duration maxLifetime = Duration.ofMinutes(60);

  /** Takes the limits of the configuration (PID {@code dev.stoker.rest}). */
  void configure(RestConfig config) {
    configure(config.maxStreamsPerUser(), Duration.ofMinutes(config.maxStreamMinutes()));
  }

  void configure(int maxPerUser, Duration maxLifetime) {
    this.maxPerUser = maxPerUser;
    this.maxLifetime = maxLifetime;
  }

  Duration maxLifetime() {
    return maxLifetime;
  }

  /** A held stream; closing it gives the place back. Idempotent. */
  final class Permit implements AutoCloseable {
    private final String user;
    private boolean closed;

    private Permit(String user) {
      this.user = user;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        open.computeIfPresent(user, (u, n) -> n.decrementAndGet() <= 0 ? null : n);
      }
    }
  }

  /**
   * @return a permit for one more stream of the user
   * @throws WebApplicationException 429 problem with {@code Retry-After} when the user holds the maximum
   */
  Permit open(String user) {
    int limit = maxPerUser;
    AtomicInteger count = open.computeIfAbsent(user, u -> new AtomicInteger());
    if (count.incrementAndGet() > limit) {
      count.decrementAndGet();
      Response answer = Problem.of(429, "Too Many Requests", "you hold " + limit + " open streams already (the "
          + "most per user); close one or retry later", null).toResponse();
      throw new WebApplicationException(Response.fromResponse(answer).header("Retry-After", "10").build());
    }
    return new Permit(user);
  }

  /** @return how many streams the user holds (tests) */
  int held(String user) {
    AtomicInteger n = open.get(user);
    return n == null ? 0 : n.get();
  }
}
