package dev.stoker.secrets.internal;

import dev.stoker.api.common.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/** Generates passwords and tokens from a configured alphabet with a CSPRNG, without modulo bias. */
final class PasswordGenerator {
  /** Letters, digits and symbols that need no quoting in env files, URLs' userinfo aside. */
  static final String DEFAULT_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+=@%";

  private final SecureRandom random = new SecureRandom();
  private final char[] alphabet;
  private final int length;

  PasswordGenerator(int length, String alphabet) {
    if (length < 8 || length > 4096) {
      throw new InvalidInputException("generatorLength: must be between 8 and 4096");
    }
    char[] chars = alphabet == null ? new char[0] : alphabet.chars().distinct().collect(StringBuilder::new,
        StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray();
    if (chars.length < 10) {
      throw new InvalidInputException("generatorAlphabet: needs at least 10 distinct characters");
    }
    for (char c : chars) {
      if (c < 0x21 || c > 0x7e) {
        throw new InvalidInputException("generatorAlphabet: only printable ASCII without spaces");
      }
    }
    this.alphabet = chars;
    this.length = length;
  }

  /** @return a fresh password as UTF-8 bytes; the caller wipes it */
  byte[] generate() {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(out));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    Arrays.fill(out, '\0');
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }
}
