package dev.stoker.security.internal;

import dev.stoker.api.security.AuditEntry;
import dev.stoker.api.security.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over its fields and the previous entry's hash. Each field is
 * length-prefixed so that moving text between fields changes the hash.
 */
final class AuditChain {
  /** Previous hash of the first entry. */
  static final String GENESIS = "0".repeat(64);

  private AuditChain() {
  }

  static String hash(long seq, Instant time, AuditRecord r, String previousHash) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String field : new String[] {Long.toString(seq), Long.toString(time.toEpochMilli()), r.actor(),
        r.action(), r.target(), r.sourceAddress(), r.outcome().name(), r.detail(), previousHash}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static AuditEntry link(long seq, Instant time, AuditRecord record, String previousHash) {
    return new AuditEntry(seq, time, record, previousHash, hash(seq, time, record, previousHash));
  }

  /** @return why the entry does not verify after {@code previousHash}, or {@code null} when it does */
  static String check(AuditEntry entry, long expectedSeq, String previousHash) {
    if (entry.seq() != expectedSeq) {
      return "entry " + expectedSeq + " is missing";
    }
    if (!entry.previousHash().equals(previousHash)) {
      return "link to entry " + (expectedSeq - 1) + " is broken";
    }
    if (!entry.hash().equals(hash(entry.seq(), entry.time(), entry.record(), entry.previousHash()))) {
      return "content does not match its hash";
    }
    return null;
  }
}
