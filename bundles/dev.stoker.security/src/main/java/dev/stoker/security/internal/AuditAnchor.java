package dev.stoker.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The head of the audit chain kept outside the database: a small file naming the newest entry this node
 * appended (sequence and hash), authenticated with an HMAC under the signing key (which lives apart from
 * {@code data/} and the database). Someone who can delete the newest rows from the database cannot move
 * the anchor back without the key, so {@code verify} sees that entries are missing at the end, which the
 * hash chain alone cannot show.
 *
 * <p>Written after each append by replacing the file atomically; a crash between the database commit and
 * the file leaves the anchor one entry behind, never ahead. When an append finds the database behind the
 * anchor (rows were deleted, and new ones would hide the gap), the anchor is kept as evidence in a second
 * file before it moves on, and {@code verify} reports it until an admin has looked into it and removed it.
 *
 * <p>The file is read once, at start; appends work from the head kept in memory (the file is this node's own,
 * nobody else writes it). {@code verify} reads the file again and compares it with that head, so a file
 * altered, removed or replaced behind this node's back is still reported.
 */
final class AuditAnchor {
  /** The anchored head: entry {@code seq} with {@code hash}. */
  record Head(long seq, String hash) {
  }

  private final Path file;
  private final byte[] key;
  /** The head this node anchored last; guarded by {@code this}. */
  private Optional<Head> head;
  /** Why the file could not be trusted at start, until a write replaces it; guarded by {@code this}. */
  private String untrusted;

  /** Reads the anchored head; a file that does not verify is remembered as such, not thrown. */
  AuditAnchor(Path file, byte[] key) {
    this.file = file;
    this.key = key.clone();
    try {
      head = read(file);
    } catch (IllegalStateException e) {
      head = Optional.empty();
      untrusted = e.getMessage();
    }
  }

  /** Anchors a new head; fails (so the append fails) when the file cannot be written. */
  synchronized void write(long seq, String hash) {
    String line = seq + " " + hash + " " + mac(seq, hash) + "\n";
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, line, StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit anchor " + file + " cannot be written: " + e.getMessage(), e);
    }
    head = Optional.of(new Head(seq, hash));
    untrusted = null;
  }

  /** @return the file that keeps an anchor the database fell behind of */
  Path evidenceFile() {
    return file.resolveSibling(file.getFileName() + ".evidence");
  }

  /** Keeps the current anchor as evidence (the first one found stays). */
  synchronized void keepEvidence() {
    try {
      if (Files.exists(file) && !Files.exists(evidenceFile())) {
        Files.copy(file, evidenceFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit anchor evidence cannot be kept: " + e.getMessage(), e);
    }
  }

  /** @return the anchor the database fell behind of, when one was kept */
  synchronized Optional<Head> evidence() {
    return read(evidenceFile());
  }

  /**
   * @return the head this node anchored last (from memory), or empty when nothing was anchored yet
   * @throws IllegalStateException when the file did not verify at start and nothing was anchored since
   */
  synchronized Optional<Head> head() {
    if (untrusted != null) {
      throw new IllegalStateException(untrusted);
    }
    return head;
  }

  /**
   * Reads the file again and checks it against the head in memory: for {@code verify}, not for appends.
   *
   * @return the anchored head, or empty when nothing was anchored yet
   * @throws IllegalStateException when the file was altered (its HMAC does not verify), or removed or replaced
   *     since this node wrote it
   */
  synchronized Optional<Head> verifiedHead() {
    Optional<Head> onDisk = read(file);
    if (untrusted == null && !onDisk.equals(head)) {
      throw new IllegalStateException("the audit anchor " + file + " changed behind Stoker's back: it names "
          + onDisk.map(AuditAnchor::show).orElse("nothing") + ", this node anchored "
          + head.map(AuditAnchor::show).orElse("nothing"));
    }
    return onDisk;
  }

  private static String show(Head h) {
    return "entry " + h.seq() + " " + h.hash().substring(0, Math.min(12, h.hash().length()));
  }

  private Optional<Head> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
      if (parts.length != 3) {
        throw new IllegalStateException("the audit anchor " + file + " is malformed");
      }
      long seq = Long.parseLong(parts[0]);
      if (!MessageDigest.isEqual(mac(seq, parts[1]).getBytes(StandardCharsets.US_ASCII),
          parts[2].getBytes(StandardCharsets.US_ASCII))) {
        throw new IllegalStateException("the audit anchor " + file + " was altered (its signature does not verify)");
      }
      return Optional.of(new Head(seq, parts[1]));
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("the audit anchor " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private String mac(long seq, String hash) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(hmac.doFinal(("stoker-audit-anchor:" + seq + ":" + hash)
          .getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
