package dev.stoker.api.common;

import java.util.NoSuchElementException;

/**
 * What a request names does not exist (or the caller may not know that it does). The REST layer answers
 * 404. The message names the kind and id, e.g. {@code "environment 42 not found"}. Extends
 * {@link NoSuchElementException} for callers written against the JDK convention; only this type maps to
 * 404.
 */
public class NotFoundException extends NoSuchElementException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /** @param message what was not found, written for the caller */
  public NotFoundException(String message) {
    super(message);
    this.field = Faults.fieldOf(message);
  }

  /**
   * @param field the request field that names the missing object
   * @param detail what was not found
   */
  public NotFoundException(String field, String detail) {
    super(field == null ? detail : field + ": " + detail);
    this.field = field;
  }

  /** @return the request field naming the missing object, or {@code null} */
  public String field() {
    return field;
  }
}
