package dev.stoker.security.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.security.AuthenticationException;
import dev.stoker.api.security.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured OpenID Connect provider (factory PID {@code dev.stoker.security.oidc}). Its endpoints and
 * keys are discovered at first use, never in {@code @Activate}, so a provider that is down delays nothing but
 * its own sign-ins. Tokens are checked by {@link OidcEndpoints}; this class maps their claims to a Stoker user
 * name and role.
 */
@Component(service = OidcProvider.class, configurationPid = "dev.stoker.security.oidc",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OidcProviderConfig.class, factory = true)
public class OidcProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

  private volatile OidcSettings settings;
  /** Discovered endpoints and keys; {@code null} until first use and after a configuration change. */
  private volatile OidcEndpoints endpoints;

  @Activate
  public OidcProvider(OidcProviderConfig config) {
    this(OidcSettings.of(config));
  }

  OidcProvider(OidcSettings settings) {
    this.settings = settings;
    LOG.info("OpenID Connect provider {}", settings);
  }

  @Modified
  void modified(OidcProviderConfig config) {
    settings = OidcSettings.of(config);
    endpoints = null;
    LOG.info("OpenID Connect provider changed: {}", settings);
  }

  OidcSettings settings() {
    return settings;
  }

  String name() {
    return settings.name();
  }

  private OidcEndpoints endpoints() {
    OidcEndpoints e = endpoints;
    if (e == null) {
      synchronized (this) {
        e = endpoints;
        if (e == null) {
          try {
            e = OidcEndpoints.discover(settings);
          } catch (RuntimeException ex) {
            throw new UnavailableException("identity provider '" + settings.name() + "' cannot be reached: "
                + ex.getMessage(), ex);
          }
          endpoints = e;
        }
      }
    }
    return e;
  }

  /** @return whether {@code issuer} is this provider's, so that its tokens are checked here */
  boolean issued(String issuer) {
    return settings.issuer().toString().equals(issuer);
  }

  /** @return the claims of an API access token the provider issued for Stoker's audience */
  JWTClaimsSet verifyAccessToken(String token, Instant now) {
    return endpoints().verify(token, settings.audience(), null, now);
  }

  /** @return the claims of an ID token issued to Stoker's client with {@code nonce} */
  JWTClaimsSet verifyIdToken(String token, String nonce, Instant now) {
    return endpoints().verify(token, settings.clientId(), nonce, now);
  }

  /** @return the authorization URL of a sign-in with PKCE ({@code S256}) */
  URI authorizationUrl(URI redirectUri, String state, String nonce, String codeChallenge) {
    Map<String, String> query = new java.util.LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", redirectUri.toString());
    query.put("scope", settings.scopes());
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", codeChallenge);
    query.put("code_challenge_method", "S256");
    String endpoint = endpoints().authorization().toString();
    return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query));
  }

  /** @return the ID token the provider gives for {@code code} */
  String redeem(String code, String codeVerifier, URI redirectUri) {
    Map<String, String> body = new java.util.LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", redirectUri.toString());
    body.put("code_verifier", codeVerifier);
    return endpoints().redeem(form(body), settings);
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** @return the Stoker user name the claims carry */
  String username(JWTClaimsSet claims) {
    Object value = claims.getClaim(settings.usernameClaim());
    if (!(value instanceof String s) || s.isBlank()) {
      throw new AuthenticationException("the token has no '" + settings.usernameClaim() + "' claim");
    }
    return s.trim().toLowerCase(Locale.ROOT);
  }

  /** @return the highest role the user's groups map to, else the default role, else none */
  Optional<Role> role(JWTClaimsSet claims) {
    Role best = null;
    for (String group : groups(claims)) {
      Role role = settings.roles().get(group);
      if (role != null && (best == null || role.includes(best))) {
        best = role;
      }
    }
    return Optional.ofNullable(best != null ? best : settings.defaultRole());
  }

  /** @return the user's groups (the configured claim), empty when it is missing or not a list of strings */
  List<String> groups(JWTClaimsSet claims) {
    try {
      List<String> groups = claims.getStringListClaim(settings.groupsClaim());
      return groups == null ? List.of() : groups.stream().filter(g -> g != null && !g.isBlank()).toList();
    } catch (ParseException e) {
      return List.of();
    }
  }
}
