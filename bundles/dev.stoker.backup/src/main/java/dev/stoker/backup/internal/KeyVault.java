package dev.stoker.backup.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the keys of a backup with a passphrase: AES-256-GCM under a key derived with PBKDF2-HMAC-SHA256 (the JDK's,
 * 600,000 iterations as OWASP advises for it), a random salt and nonce per archive. The sealed form is
 * {@code "STKK1" | salt(16) | nonce(12) | ciphertext+tag}; the header is authenticated too, so any change to it or
 * a wrong passphrase fails the tag check.
 */
final class KeyVault {
  static final int MIN_PASSPHRASE = 12;
  private static final byte[] MAGIC = "STKK1".getBytes(StandardCharsets.US_ASCII);
  private static final int ITERATIONS = 600_000;
  private static final int SALT = 16;
  private static final int NONCE = 12;

  /** The passphrase does not open the keys (or they were altered). */
  static final class WrongPassphraseException extends Exception {
    private static final long serialVersionUID = 1L;

    WrongPassphraseException(String message) {
      super(message);
    }
  }

  private KeyVault() {
  }

  static byte[] seal(byte[] plain, char[] passphrase) throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, nonce);
    byte[] header = ByteBuffer.allocate(MAGIC.length + SALT + NONCE).put(MAGIC).put(salt).put(nonce).array();
    cipher.updateAAD(header);
    byte[] sealed = cipher.doFinal(plain);
    return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
  }

  static byte[] open(byte[] sealed, char[] passphrase) throws GeneralSecurityException, WrongPassphraseException {
    int headerLength = MAGIC.length + SALT + NONCE;
    if (sealed.length < headerLength + 16 || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
      throw new WrongPassphraseException("the sealed keys are not in a form this version reads");
    }
    byte[] salt = Arrays.copyOfRange(sealed, MAGIC.length, MAGIC.length + SALT);
    byte[] nonce = Arrays.copyOfRange(sealed, MAGIC.length + SALT, headerLength);
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, passphrase, salt, nonce);
    cipher.updateAAD(sealed, 0, headerLength);
    try {
      return cipher.doFinal(sealed, headerLength, sealed.length - headerLength);
    } catch (AEADBadTagException e) {
      throw new WrongPassphraseException("the passphrase does not open the keys of this backup");
    }
  }

  private static Cipher cipher(int mode, char[] passphrase, byte[] salt, byte[] nonce)
      throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, ITERATIONS, 256);
    byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    spec.clearPassword();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    Arrays.fill(key, (byte) 0);
    return cipher;
  }
}
