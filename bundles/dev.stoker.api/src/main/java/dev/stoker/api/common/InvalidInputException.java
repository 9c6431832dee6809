package dev.stoker.api.common;

/**
 * A request is invalid: a field is missing, malformed or out of range. The REST layer answers 400 with a
 * problem document whose {@code field} is {@link #field()}.
 *
 * <p>The message has the form {@code "field: what is wrong"}, written for the person who sent the
 * request; it never carries internal detail. It extends {@link IllegalArgumentException} so that code
 * written against the JDK convention keeps working; the REST layer maps only this type to 400 (any other
 * {@code IllegalArgumentException} is an internal error).
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /**
   * @param field the offending request field (a JSON path such as {@code secrets.DB_PASSWORD}), or
   *     {@code null} when no single field is at fault
   * @param detail what is wrong, without the field name
   */
  public InvalidInputException(String field, String detail) {
    super(field == null ? detail : field + ": " + detail);
    this.field = field;
  }

  /** @param message {@code "field: what is wrong"}; the field is taken from the prefix when present */
  public InvalidInputException(String message) {
    super(message);
    this.field = Faults.fieldOf(message);
  }

  /**
   * @param message {@code "field: what is wrong"}
   * @param cause the underlying failure; kept for the log, never shown to the caller
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
    this.field = Faults.fieldOf(message);
  }

  /** @return the offending field, or {@code null} */
  public String field() {
    return field;
  }
}
