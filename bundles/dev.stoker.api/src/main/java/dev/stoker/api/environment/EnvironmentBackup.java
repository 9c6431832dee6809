package dev.stoker.api.environment;

import dev.stoker.api.common.Nullable;
import java.time.Instant;

/**
 * A backup Stoker took of an environment's gateway, kept in the blob store.
 *
 * @param id backup id
 * @param environmentId environment it was taken of
 * @param sha256 digest of the backup file (an {@link Artifact} of kind {@link ArtifactKind#BACKUP}), or of a
 *     data-volume snapshot (a tar.gz in the blob store, no artifact) for gateways that cannot hand out a backup
 * @param size size in bytes
 * @param image container image the gateway ran when the backup was taken
 * @param version platform version at that time, or {@code null} when unknown
 * @param createdBy user that asked for it
 * @param created when it was taken
 */
public record EnvironmentBackup(String id, String environmentId, String sha256, long size, String image,
    @Nullable String version, String createdBy, Instant created) {
}
