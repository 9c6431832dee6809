package dev.stoker.api.backup;

import java.time.Instant;

/**
 * One backup archive.
 *
 * @param name its file name ({@code stoker-20260131-120000.zip})
 * @param createdAt when it was written
 * @param sizeBytes its size
 * @param keysIncluded whether it holds the keys (encrypted)
 * @param database the database product it holds a dump of ({@code H2} or {@code PostgreSQL})
 */
public record BackupInfo(String name, Instant createdAt, long sizeBytes, boolean keysIncluded, String database) {
}
