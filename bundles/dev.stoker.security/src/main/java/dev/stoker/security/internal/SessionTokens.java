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
 * first start and kept in a 0600 file (by default {@code etc/keys/}, apart from {@code data/}). Nodes that
 * share the file accept each other's tokens. A token carries the user's token version ({@code ver}); a
 * password change or disabling the user raises it, which ends every session issued before.
 */
final class SessionTokens {
  static final String ISSUER = "stoker";
  static final String VERSION_CLAIM = "ver";

  /** What a valid token says: who, and at which token version of the user it was issued. */
  record Session(String username, int version) {
  }

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Clock clock;

  SessionTokens(byte[] key, Clock clock) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("signing key: " + e.getMessage(), e);
    }
    this.clock = clock;
  }

  /**
   * Reads the key file, creating it with a random key on first start. A key still at its old place under
   * {@code data/} is moved to {@code file} first, so that a backup of {@code data/} alone never holds it.
   */
  static byte[] loadOrCreateKey(Path file, Path legacy) throws IOException {
    if (!Files.exists(file) && legacy != null && Files.exists(legacy)) {
      Files.createDirectories(file.getParent());
      Files.move(legacy, file);
    }
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

  String issue(String username, int version, Duration lifetime) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(username).jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).claim(VERSION_CLAIM, version).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign session token", e);
    }
    return jwt.serialize();
  }

  /** @return who a valid, unexpired token signed by us was issued to, and at which token version */
  Optional<Session> verify(String token) {
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
      Integer version = claims.getIntegerClaim(VERSION_CLAIM);
      if (claims.getSubject() == null || version == null) {
        return Optional.empty();
      }
      return Optional.of(new Session(claims.getSubject(), version));
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }
}
