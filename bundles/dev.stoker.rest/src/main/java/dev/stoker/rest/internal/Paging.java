package dev.stoker.rest.internal;

import dev.stoker.api.common.PageRequest;

/** Validates {@code offset}/{@code limit} query parameters. */
final class Paging {
  private Paging() {
  }

  static PageRequest of(Integer offset, Integer limit) {
    int o = offset == null ? 0 : offset;
    int l = limit == null ? PageRequest.DEFAULT_LIMIT : limit;
    if (o < 0) {
      throw ProblemException.badRequest("offset", "must be 0 or more");
    }
    if (l < 1 || l > PageRequest.MAX_LIMIT) {
      throw ProblemException.badRequest("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    return new PageRequest(o, l);
  }
}
