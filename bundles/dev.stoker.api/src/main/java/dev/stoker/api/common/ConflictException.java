package dev.stoker.api.common;

/**
 * The request is well-formed but conflicts with the current state (a name already taken, an operation
 * already running, a branch moved by someone else). The REST layer answers 409. Extends
 * {@link IllegalStateException} for callers written against the JDK convention; only this type maps to
 * 409, any other {@code IllegalStateException} is an internal error.
 */
public class ConflictException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /** @param message what conflicts, written for the caller; {@code "field: detail"} names a field */
  public ConflictException(String message) {
    super(message);
    this.field = Faults.fieldOf(message);
  }

  /** @param message what conflicts; @param cause the underlying failure (never shown to the caller) */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
    this.field = Faults.fieldOf(message);
  }

  /** @return the field at the heart of the conflict, or {@code null} */
  public String field() {
    return field;
  }
}
