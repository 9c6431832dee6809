package dev.stoker.security.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stoker.api.security.AuditOutcome;
import dev.stoker.api.security.AuditRecord;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.StokerPrincipal;
import dev.stoker.api.security.TokenGrant;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sign-in and API calls with an OpenID Connect provider's tokens: the console's code flow ends in a Stoker
 * session; a provider's access token is accepted as a bearer credential for the API. Either way the user is
 * synced ({@link OidcUsers}) first, and refusals are audited under the provider's user name.
 */
final class OidcSignIn {
  private final SsoFlows flows;
  private final OidcUsers users;
  private final SessionTokens sessions;
  private final Clock clock;
  private final Consumer<AuditRecord> audit;
  private final Supplier<Duration> sessionLifetime;

  OidcSignIn(SsoFlows flows, OidcUsers users, SessionTokens sessions, Clock clock, Consumer<AuditRecord> audit,
      Supplier<Duration> sessionLifetime) {
    this.flows = flows;
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
    this.audit = audit;
    this.sessionLifetime = sessionLifetime;
  }

  /** @return the provider that issued {@code bearer}, when it is a JWT of a configured provider's issuer */
  Optional<OidcProvider> issuerOf(String bearer) {
    try {
      String issuer = SignedJWT.parse(bearer).getJWTClaimsSet().getIssuer();
      return issuer == null ? Optional.empty() : flows.byIssuer(issuer);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  StokerPrincipal authenticate(OidcProvider provider, String bearer) {
    JWTClaimsSet claims = provider.verifyAccessToken(bearer, clock.instant());
    OidcUsers.Synced user = sync(provider, claims, "auth.token", "");
    return new StokerPrincipal(user.username(), user.role(), Set.of(), null);
  }

  TokenGrant complete(String providerName, String state, String code, String source) {
    SsoFlows.Pending pending = flows.take(providerName, state);
    OidcProvider provider = flows.provider(providerName);
    if (code == null || code.isBlank()) {
      throw new AuthenticationException("code: required");
    }
    String idToken = provider.redeem(code, pending.verifier(), pending.redirectUri());
    JWTClaimsSet claims = provider.verifyIdToken(idToken, pending.nonce(), clock.instant());
    OidcUsers.Synced user = sync(provider, claims, "auth.sso", source);
    Duration lifetime = sessionLifetime.get();
    return new TokenGrant(sessions.issue(user.username(), user.tokenVersion(), lifetime), "Bearer",
        lifetime.toSeconds(), false);
  }

  URI start(String provider, URI redirectUri) {
    return flows.start(provider, redirectUri);
  }

  private OidcUsers.Synced sync(OidcProvider provider, JWTClaimsSet claims, String action, String source) {
    OidcUsers.Synced user = users.sync(provider, claims);
    String actor = "oidc:" + provider.name();
    if (user.change() != null) {
      audit.accept(new AuditRecord(actor, "user.sync", user.username(), source, AuditOutcome.SUCCESS, user.change()));
    }
    if (user.refusal() != null) {
      audit.accept(new AuditRecord(user.username(), action, user.username(), source, AuditOutcome.DENIED,
          actor + ": " + user.refusal()));
      throw new AuthenticationException(user.refusal());
    }
    if (action.equals("auth.sso")) {
      audit.accept(new AuditRecord(user.username(), action, user.username(), source, AuditOutcome.SUCCESS, actor));
    }
    return user;
  }
}
