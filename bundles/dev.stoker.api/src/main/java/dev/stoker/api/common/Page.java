package dev.stoker.api.common;

import java.util.List;
import java.util.Objects;

/**
 * One page of a longer list.
 *
 * @param items the items on this page, never {@code null}
 * @param offset the index of the first item in the whole list
 * @param limit the page size that was asked for
 * @param total the number of items in the whole list
 * @param <T> item type
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** @return whether items follow this page */
  public boolean hasMore() {
    return offset + items.size() < total;
  }
}
