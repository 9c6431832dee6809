package dev.stoker.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle), stored in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} so that parameters can be
 * raised later without breaking existing hashes.
 */
final class PasswordHasher {
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int HASH_BYTES = 32;

  private final int memoryKib;
  private final int iterations;
  private final int lanes;
  private final SecureRandom random = new SecureRandom();

  /** Parameters of OWASP's Argon2id recommendation (19 MiB, 2 iterations, 1 lane). */
  PasswordHasher() {
    this(19 * 1024, 2, 1);
  }

  PasswordHasher(int memoryKib, int iterations, int lanes) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.lanes = lanes;
  }

  String hash(char[] password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, iterations, lanes);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + lanes + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(out);
  }

  boolean verify(char[] password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 6 || !"argon2id".equals(parts[1])) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : parts[3].split(",")) {
      int value = Integer.parseInt(kv.substring(2));
      switch (kv.charAt(0)) {
        case 'm' -> m = value;
        case 't' -> t = value;
        case 'p' -> p = value;
        default -> {
          return false;
        }
      }
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Burns the same time as a real check, so that unknown users cannot be told apart by timing. */
  void verifyDummy(char[] password) {
    derive(password, new byte[16], memoryKib, iterations, lanes);
  }

  private static byte[] derive(char[] password, byte[] salt, int m, int t, int p) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(m).withIterations(t).withParallelism(p)
        .withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] pw = toUtf8(password);
    byte[] out = new byte[HASH_BYTES];
    try {
      generator.generateBytes(pw, out);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return out;
  }

  private static byte[] toUtf8(char[] password) {
    var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }
}
