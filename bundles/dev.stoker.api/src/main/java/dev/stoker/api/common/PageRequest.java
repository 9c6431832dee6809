package dev.stoker.api.common;

/**
 * Which slice of a list to return.
 *
 * @param offset index of the first item, at least 0
 * @param limit page size, between 1 and {@link #MAX_LIMIT}
 */
public record PageRequest(int offset, int limit) {
  /** Default page size. */
  public static final int DEFAULT_LIMIT = 50;
  /** Largest page size any list call serves. */
  public static final int MAX_LIMIT = 500;

  public PageRequest {
    if (offset < 0) {
      throw new InvalidInputException("offset: must be >= 0");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit: must be between 1 and " + MAX_LIMIT);
    }
  }

  /** @return the first page with the default size */
  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }
}
