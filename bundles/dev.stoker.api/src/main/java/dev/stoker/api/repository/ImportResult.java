package dev.stoker.api.repository;

import dev.stoker.api.repository.Revision;

/**
 * The outcome of an import.
 *
 * @param revision the new head, or the unchanged one
 * @param changed whether a commit was made (an import equal to the head changes nothing)
 */
public record ImportResult(Revision revision, boolean changed) {
}
