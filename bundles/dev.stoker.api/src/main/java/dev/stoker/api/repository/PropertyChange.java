package dev.stoker.api.repository;

import dev.stoker.api.common.Nullable;

/**
 * One changed property of a JSON resource.
 *
 * @param pointer JSON pointer of the property, e.g. {@code /root/children/0/props/text}
 * @param oldValue old JSON value, or {@code null} when added
 * @param newValue new JSON value, or {@code null} when removed
 */
public record PropertyChange(String pointer, @Nullable String oldValue, @Nullable String newValue) {
}
