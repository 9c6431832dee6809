package dev.stoker.api.repository;

import dev.stoker.api.common.Nullable;

/**
 * The resolution of one conflict.
 *
 * @param choice {@code ours}, {@code theirs}, {@code base} or {@code value}
 * @param value the value when {@code choice} is {@code value} (JSON or text; {@code null} means absent)
 */
public record Resolution(String path, String pointer, String choice, @Nullable String value) {
}
