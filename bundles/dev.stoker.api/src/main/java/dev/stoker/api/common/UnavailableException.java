package dev.stoker.api.common;

/**
 * A service Stoker needs right now (database, broker, runtime host, adapter) is not available. The
 * message says which and why; the REST layer answers 503.
 */
public class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message which service is missing and why */
  public UnavailableException(String message) {
    super(message);
  }

  /** @param message which service is missing and why; @param cause the underlying failure */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
