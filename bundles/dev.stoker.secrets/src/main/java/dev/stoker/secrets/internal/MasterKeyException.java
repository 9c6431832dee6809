package dev.stoker.secrets.internal;

/** The master key is missing, malformed or not the one the database was encrypted with. */
final class MasterKeyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  MasterKeyException(String message) {
    super(message);
  }
}
