package dev.stoker.api.repository;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * A Stoker project: one Git repository.
 *
 * @param head commit id of the default branch, {@code null} while the project is empty
 */
public record ProjectInfo(String name, String platform, @Nullable String description, String defaultBranch,
    @Nullable String head, @Nullable Instant created) {
}
