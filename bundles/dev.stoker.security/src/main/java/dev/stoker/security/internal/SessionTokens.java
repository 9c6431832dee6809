package dev.stoker.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived session tokens: HS256 JWTs (Nimbus JOSE+JWT) signed with a 256-bit key generated at
 * first start and kept in a 0600 file under {@code data/}. Nodes that share the file accept each
 * other's tokens.
 */
final class SessionTokens {
  static final String ISSUER = "stoker";

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Clock clock;
  private final Duration lifetime;

  SessionTokens(byte[] key, Clock clock, Duration lifetime) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("signing key: " + e.getMessage(), e);
    }
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** Reads the key file, creating it with a random key on first start. */
  static byte[] loadOrCreateKey(Path file) throws IOException {
    if (Files.exists(file)) {
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(file.getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    return key;
  }

  Duration lifetime() {
    return lifetime;
  }

  String issue(String username) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(username).jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign session token", e);
    }
    return jwt.serialize();
  }

  /** @return the user name of a valid, unexpired token signed by us */
  Optional<String> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      if (!ISSUER.equals(claims.getIssuer()) || exp == null || !clock.instant().isBefore(exp.toInstant())) {
        return Optional.empty();
      }
      return Optional.ofNullable(claims.getSubject());
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }
}
