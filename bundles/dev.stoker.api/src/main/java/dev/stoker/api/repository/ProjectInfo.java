package dev.stoker.api.repository;

import java.time.Instant;

/**
 * A Stoker project: one Git repository.
 *
 * @param head commit id of the default branch, {@code null} while the project is empty
 */
public record ProjectInfo(String name, String platform, String description, String defaultBranch, String head,
    Instant created) {
}
