package dev.stoker.security.internal;

import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.SingleSignOn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured providers and the sign-ins started with them (authorization code flow with PKCE, RFC 7636):
 * each start remembers a random {@code state}, nonce and code verifier on this node for {@link #PENDING_TTL};
 * a state is used once.
 */
final class SsoFlows {
  static final Duration PENDING_TTL = Duration.ofMinutes(10);
  private static final int MAX_PENDING = 10_000;

  /** A started sign-in. */
  record Pending(String provider, String nonce, String verifier, URI redirectUri, Instant expires) {
  }

  private final Map<String, OidcProvider> providers = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  SsoFlows(Clock clock) {
    this.clock = clock;
  }

  void add(OidcProvider provider) {
    providers.put(provider.name(), provider);
  }

  void remove(OidcProvider provider) {
    providers.remove(provider.name(), provider);
  }

  List<SingleSignOn.Provider> list() {
    return providers.values().stream().map(p -> new SingleSignOn.Provider(p.name(), p.settings().displayName()))
        .sorted(Comparator.comparing(SingleSignOn.Provider::name)).toList();
  }

  /** @return the provider that issued tokens of {@code issuer}, if one is configured */
  Optional<OidcProvider> byIssuer(String issuer) {
    return providers.values().stream().filter(p -> p.issued(issuer)).findFirst();
  }

  OidcProvider provider(String name) {
    OidcProvider p = name == null ? null : providers.get(name);
    if (p == null) {
      throw new NotFoundException("identity provider '" + name + "' not found");
    }
    return p;
  }

  URI start(String name, URI redirectUri) {
    OidcProvider provider = provider(name);
    Instant now = clock.instant();
    pending.values().removeIf(p -> !now.isBefore(p.expires()));
    if (pending.size() >= MAX_PENDING) {
      throw new UnavailableException("too many sign-ins in progress; try again in a few minutes");
    }
    String state = randomToken();
    Pending p = new Pending(name, randomToken(), randomToken(), redirectUri, now.plus(PENDING_TTL));
    URI url = provider.authorizationUrl(redirectUri, state, p.nonce(), challenge(p.verifier()));
    pending.put(state, p);
    return url;
  }

  /** @return the started sign-in of {@code state}, which is forgotten: a state is good for one callback */
  Pending take(String name, String state) {
    Pending p = state == null ? null : pending.remove(state);
    if (p == null || !p.provider().equals(name) || !clock.instant().isBefore(p.expires())) {
      throw new AuthenticationException("this sign-in is unknown, used or expired; start again");
    }
    return p;
  }

  private String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
