package dev.stoker.api.docs;

/**
 * One resource a search found.
 *
 * @param path the resource path, e.g. {@code com.inductiveautomation.perspective/views/Boiler/Overview}
 * @param category {@code view}, {@code script} or {@code named-query}
 * @param score cosine similarity of the query and the resource text, 0 to 1 (higher is closer)
 * @param excerpt the start of the text the resource was indexed by
 */
public record SearchHit(String path, String category, double score, String excerpt) {
}
