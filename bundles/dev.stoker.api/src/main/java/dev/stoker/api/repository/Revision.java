package dev.stoker.api.repository;

import java.time.Instant;

/**
 * One commit of a project repository.
 *
 * @param id commit id
 * @param author Stoker user that made it
 * @param message commit message
 * @param time commit time
 */
public record Revision(String id, String author, String message, Instant time) {
}
