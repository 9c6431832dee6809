package dev.stoker.security.internal;

import com.nimbusds.jwt.SignedJWT;
import dev.stoker.testing.OsgiConfigs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID provider for tests (NAV's mock-oauth2-server) on 127.0.0.1, with issuer {@code stoker-test}
 * and helpers that issue tokens for users in groups.
 */
final class OidcTestProvider implements AutoCloseable {
  static final String ISSUER_ID = "stoker-test";
  static final String CLIENT_ID = "stoker-console";
  static final String AUDIENCE = "stoker-api";

  final MockOAuth2Server server = new MockOAuth2Server();

  OidcTestProvider() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  String issuer() {
    return server.issuerUrl(ISSUER_ID).toString();
  }

  /** @return a provider configured as an admin would, with {@code overrides} */
  OidcProvider provider(Map<String, ?> overrides) {
    Map<String, Object> config = new HashMap<>(Map.of("name", "corp", "issuer", issuer(), "clientId", CLIENT_ID,
        "audience", AUDIENCE, "roles", new String[] {"stoker-leads=lead", "stoker-engineers=engineer",
            "stoker-viewers=viewer"}, "keyRefreshSeconds", 0));
    config.putAll(overrides);
    return new OidcProvider(OidcSettings.of(OsgiConfigs.of(OidcProviderConfig.class, config)));
  }

  /** @return an access token for the API audience */
  String accessToken(String username, List<String> groups, long expirySeconds) {
    return token(AUDIENCE, username, groups, expirySeconds).serialize();
  }

  SignedJWT token(String audience, String username, List<String> groups, long expirySeconds) {
    return server.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID, username + "-sub",
        "JWT", List.of(audience), claims(username, groups), expirySeconds));
  }

  static Map<String, Object> claims(String username, List<String> groups) {
    return Map.of("preferred_username", username, "groups", groups);
  }

  /** The next code this provider issues is for {@code username} in {@code groups}. */
  void nextSignIn(String username, List<String> groups) {
    server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, username + "-sub", "JWT", List.of(AUDIENCE),
        claims(username, groups), 3600));
  }

  /**
   * Plays the browser: follows the authorization URL to the provider, which signs the user in at once (no
   * login page) and redirects to Stoker's callback.
   *
   * @return the callback URL the provider redirected to (with {@code code} and {@code state})
   */
  static URI authorize(URI authorizationUrl) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
    return URI.create(response.headers().firstValue("Location").orElseThrow(
        () -> new AssertionError("no redirect: HTTP " + response.statusCode() + " " + response.body())));
  }

  /** @return the value of {@code name} in the query of {@code uri} */
  static String query(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
