package dev.stoker.api.security;

import dev.stoker.api.common.Nullable;

/**
 * Result of checking the audit log's hash chain.
 *
 * @param intact whether every entry matches its hash and links to the one before
 * @param checked how many entries were checked
 * @param firstBrokenSeq sequence number of the first entry that does not verify, or {@code null}
 * @param reason why that entry fails, or {@code null}
 */
public record ChainVerification(boolean intact, long checked, @Nullable Long firstBrokenSeq, @Nullable String reason) {
}
