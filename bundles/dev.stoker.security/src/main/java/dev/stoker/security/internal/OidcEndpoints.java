package dev.stoker.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.security.AuthenticationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * A provider's endpoints from its discovery document, and the check of its tokens: signature by a key of
 * its JWKS (Nimbus' cached JWK source, which fetches the set again when a token names a key it does not hold,
 * so key rotation is followed; at most once per {@code keyRefreshSeconds}), issuer, audience, expiry and,
 * for ID tokens, the nonce.
 */
final class OidcEndpoints {
  private static final int TIMEOUT_MS = 10_000;
  private static final int MAX_DOCUMENT = 512 * 1024;
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
      JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

  private final String issuer;
  private final URI authorization;
  private final URI token;
  private final JWKSource<SecurityContext> keys;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private OidcEndpoints(String issuer, URI authorization, URI token, JWKSource<SecurityContext> keys) {
    this.issuer = issuer;
    this.authorization = authorization;
    this.token = token;
    this.keys = keys;
  }

  /** Reads the discovery document; its {@code issuer} must be the configured one (Discovery 1.0, 4.3). */
  static OidcEndpoints discover(OidcSettings settings) {
    DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_DOCUMENT);
    try {
      Map<String, Object> doc = JSONObjectUtils.parse(
          retriever.retrieveResource(settings.discoveryUri().toURL()).getContent());
      String issuer = JSONObjectUtils.getString(doc, "issuer");
      if (!settings.issuer().toString().equals(issuer)) {
        throw new IllegalStateException("the discovery document names issuer '" + issuer + "'");
      }
      URI jwks = required(doc, "jwks_uri");
      JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(), retriever)
          .retrying(false);
      long refresh = settings.keyRefresh().toMillis();
      builder = refresh > 0 ? builder.rateLimited(refresh) : builder.rateLimited(false);
      return new OidcEndpoints(issuer, required(doc, "authorization_endpoint"), required(doc, "token_endpoint"),
          builder.build());
    } catch (IOException | ParseException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static URI required(Map<String, Object> doc, String key) throws ParseException {
    URI uri = JSONObjectUtils.getURI(doc, key);
    if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalStateException("the discovery document has no usable '" + key + "'");
    }
    return uri;
  }

  URI authorization() {
    return authorization;
  }

  /**
   * @param audience the audience the token must name
   * @param nonce the nonce an ID token must carry, or {@code null} for access tokens
   * @param now the time to check expiry against (60 s of clock skew allowed)
   */
  JWTClaimsSet verify(String jwt, String audience, String nonce, Instant now) {
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer);
    if (nonce != null) {
      exact.claim("nonce", nonce);
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(audience), exact.build(),
        Set.of("sub", "exp"), null) {
      @Override
      protected Date currentTime() {
        return Date.from(now);
      }
    });
    try {
      return processor.process(jwt, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new AuthenticationException("token refused: " + e.getMessage());
    }
  }

  /** Redeems an authorization code; the client authenticates with HTTP Basic when it has a secret. */
  String redeem(String form, OidcSettings settings) {
    String body = settings.clientSecret() == null
        ? form + "&client_id=" + OidcProvider.enc(settings.clientId()) : form;
    HttpRequest.Builder request = HttpRequest.newBuilder(token).timeout(Duration.ofMillis(TIMEOUT_MS))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (settings.clientSecret() != null) {
      String basic = OidcProvider.enc(settings.clientId()) + ":" + OidcProvider.enc(settings.clientSecret());
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UnavailableException("identity provider '" + settings.name() + "' cannot be reached: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new AuthenticationException("the provider refused the code (HTTP " + response.statusCode() + ")");
    }
    try {
      String idToken = JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "id_token");
      if (idToken == null) {
        throw new AuthenticationException("the provider answered without an ID token");
      }
      return idToken;
    } catch (ParseException e) {
      throw new AuthenticationException("the provider's token answer is not JSON");
    }
  }
}
