package dev.stoker.api.security;

import java.time.Instant;

/**
 * One stored entry of the append-only audit log. Each entry's {@code hash} covers its own fields
 * and the previous entry's hash, so that a changed or deleted row breaks the chain.
 *
 * @param seq position in the log, starting at 1
 * @param time when it was recorded
 * @param record what was recorded
 * @param previousHash hash of entry {@code seq - 1} (64 zeros for the first)
 * @param hash SHA-256 (hex) over this entry's fields and {@code previousHash}
 */
public record AuditEntry(long seq, Instant time, AuditRecord record, String previousHash, String hash) {
}
