package dev.stoker.api.repository;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * An annotated, immutable release of a project, with provenance.
 *
 * @param name release name (the tag)
 * @param revision commit id
 * @param createdBy user
 * @param created when
 * @param sourceEnvironment environment the content came from, or {@code null}
 * @param artifactSha256 digest of the exported artifact
 */
public record Release(String name, String revision, @Nullable String createdBy, @Nullable Instant created,
    @Nullable String sourceEnvironment, @Nullable String artifactSha256) {
}
