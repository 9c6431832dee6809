package dev.stoker.api.docs;

import dev.stoker.api.common.Nullable;

/**
 * A grounding flag: something in the text that is not in the facts. An open finding blocks signing until a
 * reviewer edits the text (the finding goes away) or accepts it.
 *
 * @param id unique in the document
 * @param kind {@code path}, {@code revision}, {@code person}, {@code number} or {@code citation}
 * @param text the text that is not grounded
 * @param line the 1-based line it is on
 * @param state {@code open} or {@code accepted}
 * @param acceptedBy who accepted it
 * @param note why it was accepted
 */
public record Finding(String id, String kind, String text, int line, String state, @Nullable String acceptedBy,
    @Nullable String note) {
  public static final String OPEN = "open";
  public static final String ACCEPTED = "accepted";

  /** @return whether it still blocks signing */
  public boolean open() {
    return OPEN.equals(state);
  }
}
