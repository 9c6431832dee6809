package dev.stoker.api.secrets;

/**
 * A stored secret failed authentication on decryption: its ciphertext, wrapped data key or row identity
 * was altered (or rows were swapped). Nothing is returned; the message names the secret and version,
 * never a value. Maps to HTTP 500: it means the database was tampered with, not that the request was bad.
 */
public class SecretIntegrityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message names the secret reference and version */
  public SecretIntegrityException(String message) {
    super(message);
  }
}
