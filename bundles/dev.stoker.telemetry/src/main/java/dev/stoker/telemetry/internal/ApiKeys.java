package dev.stoker.telemetry.internal;

import dev.stoker.api.environment.Environment;
import dev.stoker.api.secrets.ScopeChain;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway API key of an environment for the poller: the secret {@code <platform>/api-token} along the
 * environment's scope chain, revealed (an audited read by {@code system:telemetry}) at most once per
 * {@link #TTL} and environment, so a 10 s poll does not flood the audit log.
 */
final class ApiKeys {
  static final Duration TTL = Duration.ofMinutes(10);
  static final String ACTOR = "system:telemetry";

  private final Supplier<SecretService> secrets;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<String> key, Instant until) {
  }

  ApiKeys(Supplier<SecretService> secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  /** @return the key, or empty when the secret service is missing or holds no key for the environment */
  Optional<String> of(Environment env) {
    Instant now = clock.instant();
    Cached cached = cache.get(env.id());
    if (cached != null && cached.until().isAfter(now)) {
      return cached.key();
    }
    SecretService service = secrets.get();
    if (service == null) {
      return Optional.empty();
    }
    String path = env.spec().platform() + "/api-token";
    String stage = env.spec().stage() == null ? null : env.spec().stage().name().toLowerCase(Locale.ROOT);
    Optional<SecretMetadata> found = service.resolve(new ScopeChain(null, stage, env.id()), path);
    Optional<String> key = Optional.empty();
    if (found.isPresent()) {
      byte[] value = service.reveal(found.get().scope(), path, 0, ACTOR);
      try {
        key = Optional.of(new String(value, StandardCharsets.UTF_8).strip());
      } finally {
        Arrays.fill(value, (byte) 0);
      }
    }
    cache.put(env.id(), new Cached(key, now.plus(TTL)));
    return key;
  }

  /** Forgets the keys of environments no longer polled. */
  void retain(java.util.Set<String> environmentIds) {
    cache.keySet().retainAll(environmentIds);
  }
}
