package dev.stoker.api.repository;

/**
 * One changed property of a JSON resource.
 *
 * @param pointer JSON pointer of the property, e.g. {@code /root/children/0/props/text}
 * @param oldValue old JSON value, or {@code null} when added
 * @param newValue new JSON value, or {@code null} when removed
 */
public record PropertyChange(String pointer, String oldValue, String newValue) {
}
