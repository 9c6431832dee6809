package dev.stoker.api.docs;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * A step of the review: {@code submit}, {@code comment}, {@code approve}, {@code request-changes}, {@code edit},
 * {@code accept-finding} or {@code sign}.
 *
 * @param user who
 * @param action what
 * @param comment why
 * @param at when
 */
public record Review(String user, String action, @Nullable String comment, Instant at) {
}
