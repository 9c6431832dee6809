package dev.stoker.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.testing.OsgiConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that rotates its signing key (a new {@code kid} in its JWKS) is followed without a restart; a
 * discovery document naming another issuer is not trusted. The provider is a small HTTP server run by the test,
 * serving what a real one serves at its discovery and JWKS URLs, so that the test decides when keys change.
 */
class OidcKeyRotationTest {
  private HttpServer server;
  private String issuer;
  private final AtomicReference<String> discoveredIssuer = new AtomicReference<>();
  private final AtomicReference<JWKSet> keys = new AtomicReference<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/plant";
    discoveredIssuer.set(issuer);
    server.createContext("/realms/plant/.well-known/openid-configuration", exchange -> {
      String doc = "{\"issuer\":\"" + discoveredIssuer.get() + "\",\"authorization_endpoint\":\"" + issuer
          + "/auth\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\"}";
      send(exchange, doc);
    });
    server.createContext("/realms/plant/certs", exchange -> {
      jwksFetches.incrementAndGet();
      send(exchange, keys.get().toString()); // public keys only
    });
    server.start();
  }

  private static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OidcProvider provider(int keyRefreshSeconds) {
    return new OidcProvider(OidcSettings.of(OsgiConfigs.of(OidcProviderConfig.class, Map.of("name", "plant",
        "issuer", issuer, "clientId", "stoker", "roles", new String[] {"ops=lead"},
        "keyRefreshSeconds", keyRefreshSeconds))));
  }

  private String token(RSAKey key) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().issuer(issuer).audience("stoker").subject("u1").claim("preferred_username", "ops1")
            .claim("groups", List.of("ops")).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
    RSAKey first = new RSAKeyGenerator(2048).keyID("key-1").generate();
    RSAKey second = new RSAKeyGenerator(2048).keyID("key-2").generate();
    keys.set(new JWKSet(first.toPublicJWK()));
    OidcProvider provider = provider(0);
    assertEquals("ops1", provider.verifyAccessToken(token(first), Instant.now()).getClaim("preferred_username"));
    int fetches = jwksFetches.get();
    provider.verifyAccessToken(token(first), Instant.now());
    assertEquals(fetches, jwksFetches.get(), "known keys are cached");

    keys.set(new JWKSet(second.toPublicJWK()));
    assertEquals("ops1", provider.verifyAccessToken(token(second), Instant.now()).getClaim("preferred_username"));
    assertTrue(jwksFetches.get() > fetches);
  }

  @Test
  void unknownKeysDoNotMakeStokerFetchTheKeysOverAndOver() throws Exception {
    RSAKey first = new RSAKeyGenerator(2048).keyID("key-1").generate();
    keys.set(new JWKSet(first.toPublicJWK()));
    OidcProvider provider = provider(60);
    provider.verifyAccessToken(token(first), Instant.now());
    int fetches = jwksFetches.get();
    for (int i = 0; i < 5; i++) {
      RSAKey made = new RSAKeyGenerator(2048).keyID("made-up-" + i).generate();
      assertThrows(RuntimeException.class, () -> provider.verifyAccessToken(token(made), Instant.now()));
    }
    assertTrue(jwksFetches.get() <= fetches + 1, "fetches: " + (jwksFetches.get() - fetches));
  }

  @Test
  void aDiscoveryDocumentOfAnotherIssuerIsNotTrusted() throws Exception {
    RSAKey first = new RSAKeyGenerator(2048).keyID("key-1").generate();
    keys.set(new JWKSet(first.toPublicJWK()));
    discoveredIssuer.set("https://evil.example/realms/plant");
    UnavailableException e = assertThrows(UnavailableException.class,
        () -> provider(0).verifyAccessToken(token(first), Instant.now()));
    assertTrue(e.getMessage().contains("evil.example"), e.getMessage());
  }
}
