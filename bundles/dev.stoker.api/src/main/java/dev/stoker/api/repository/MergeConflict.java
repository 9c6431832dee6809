package dev.stoker.api.repository;

/**
 * The same property changed differently on both sides of a merge.
 *
 * @param path resource path
 * @param pointer JSON pointer, or the file name for text conflicts
 * @param base value in the common ancestor, or {@code null}
 * @param ours value on our side, or {@code null}
 * @param theirs value on their side, or {@code null}
 */
public record MergeConflict(String path, String pointer, String base, String ours, String theirs) {
}
