package dev.stoker.secrets.internal;

import dev.stoker.api.secrets.SecretIntegrityException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM through JCA. Each version gets a fresh 256-bit data key; the value
 * is encrypted under it with a random 96-bit IV, and the data key is encrypted (AES-GCM again, its own
 * IV) under the master key. Both carry the same additional data, the secret's identity and version, so
 * a row, a payload or a wrapped key copied onto another secret or version fails its tag.
 */
final class Envelope {
  static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String AES_GCM = "AES/GCM/NoPadding";

  private final SecureRandom random = new SecureRandom();

  /** Ciphertext of one version. {@code wrappedKey} is IV followed by the encrypted data key and tag. */
  record Sealed(String keyId, byte[] wrappedKey, byte[] iv, byte[] ciphertext) {
    @Override
    public String toString() {
      return "Sealed[key " + keyId + ", " + ciphertext.length + " bytes]";
    }
  }

  /** @return additional data binding ciphertext to a secret identity and version */
  static byte[] aad(String reference, int version) {
    return ("stoker-secret/1\0" + reference + "\0" + version).getBytes(StandardCharsets.UTF_8);
  }

  Sealed seal(byte[] plaintext, MasterKeys.Key master, byte[] aad) {
    byte[] dek = new byte[KEY_BYTES];
    random.nextBytes(dek);
    try {
      byte[] iv = iv();
      byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dek, "AES"), iv, aad, plaintext);
      return new Sealed(master.id(), wrap(dek, master, aad), iv, ciphertext);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(e); // cannot happen when encrypting
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * @param what names the secret and version for the error message
   * @throws SecretIntegrityException when a tag does not verify
   */
  byte[] open(Sealed sealed, MasterKeys.Key master, byte[] aad, String what) {
    byte[] dek = unwrap(sealed.wrappedKey(), master, aad, what);
    try {
      return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dek, "AES"), sealed.iv(), aad, sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new SecretIntegrityException(what + ": the encrypted value failed authentication (GCM tag): "
          + "the row was tampered with or copied from another secret; nothing was returned");
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /** Re-encrypts a wrapped data key under another master key; the payload is not touched. */
  byte[] rewrap(byte[] wrappedKey, MasterKeys.Key from, MasterKeys.Key to, byte[] aad, String what) {
    byte[] dek = unwrap(wrappedKey, from, aad, what);
    try {
      return wrap(dek, to, aad);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  private byte[] wrap(byte[] dek, MasterKeys.Key master, byte[] aad) {
    byte[] iv = iv();
    try {
      byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, master.key(), iv, aad, dek);
      byte[] out = new byte[IV_BYTES + wrapped.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(wrapped, 0, out, IV_BYTES, wrapped.length);
      return out;
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(e); // cannot happen when encrypting
    }
  }

  private byte[] unwrap(byte[] wrappedKey, MasterKeys.Key master, byte[] aad, String what) {
    if (wrappedKey == null || wrappedKey.length != IV_BYTES + KEY_BYTES + TAG_BITS / 8) {
      throw new SecretIntegrityException(what + ": the wrapped data key has the wrong length; the row was tampered with");
    }
    try {
      byte[] iv = Arrays.copyOfRange(wrappedKey, 0, IV_BYTES);
      return gcm(Cipher.DECRYPT_MODE, master.key(), iv, aad, Arrays.copyOfRange(wrappedKey, IV_BYTES,
          wrappedKey.length));
    } catch (AEADBadTagException e) {
      throw new SecretIntegrityException(what + ": the wrapped data key failed authentication under master key "
          + master.id() + ": the row was tampered with or copied from another secret; nothing was returned");
    }
  }

  private byte[] iv() {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    return iv;
  }

  private static byte[] gcm(int mode, SecretKey key, byte[] iv, byte[] aad, byte[] input) throws AEADBadTagException {
    if (iv == null || iv.length != IV_BYTES) {
      throw new AEADBadTagException("bad IV length");
    }
    try {
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }
}
