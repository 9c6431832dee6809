package dev.stoker.secrets.internal;

import dev.stoker.api.common.ConflictException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keys: the current one, which wraps every new data key, and retired ones still needed until
 * their data keys are re-wrapped. The current key comes from an environment variable (base64) or from a
 * file of 32 raw bytes (mode 0600) created on first start. Retired keys live beside it as
 * {@code master-<id>.key} during a rotation, or come from {@code <env>_PREVIOUS}.
 *
 * <p>A key id is a fingerprint of the key (truncated SHA-256 over a label and the key), so a row names the
 * key that wrapped it without revealing it, and a replaced key file is recognised at start.
 */
final class MasterKeys {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
  private static final Pattern RETIRED = Pattern.compile("master-([0-9a-f]{16})\\.key");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** A master key and its id. */
  record Key(String id, SecretKey key) {
    @Override
    public String toString() {
      return "MasterKey[" + id + "]";
    }
  }

  private final Path file;
  private final String env;
  private volatile Key current;
  private final Map<String, Key> retired = new LinkedHashMap<>();

  private MasterKeys(Path file, String env, Key current, List<Key> retired) {
    this.file = file;
    this.env = env;
    this.current = current;
    for (Key k : retired) {
      if (!k.id().equals(current.id())) {
        this.retired.put(k.id(), k);
      }
    }
  }

  /**
   * Loads the keys and checks that they open the database.
   *
   * @param file the key file
   * @param envName name of the environment variable, may be blank
   * @param environment the process environment
   * @param idsInUse key ids that wrap data keys in the database now
   * @throws MasterKeyException when the key is missing, malformed or not the database's key
   */
  static MasterKeys load(Path file, String envName, Map<String, String> environment, Set<String> idsInUse)
      throws IOException {
    String fromEnv = envName == null || envName.isBlank() ? null : environment.get(envName);
    MasterKeys keys;
    if (fromEnv != null && !fromEnv.isBlank()) {
      Key current = decode(fromEnv, envName);
      List<Key> previous = new ArrayList<>();
      String prev = environment.get(envName + "_PREVIOUS");
      if (prev != null) {
        for (String p : prev.split(",")) {
          if (!p.isBlank()) {
            previous.add(decode(p, envName + "_PREVIOUS"));
          }
        }
      }
      keys = new MasterKeys(file, envName, current, previous);
    } else if (Files.exists(file)) {
      keys = new MasterKeys(file, null, readFile(file), readRetired(file));
    } else {
      if (!idsInUse.isEmpty()) {
        throw new MasterKeyException("master key file " + file.toAbsolutePath() + " is missing, but the database holds "
            + "secrets encrypted under master key(s) " + String.join(", ", new TreeSet<>(idsInUse))
            + ". Restore that file (or set " + envName + "); nothing was changed");
      }
      byte[] raw = new byte[Envelope.KEY_BYTES];
      new SecureRandom().nextBytes(raw);
      try {
        writeAtomically(file, raw);
        keys = new MasterKeys(file, null, key(raw), List.of());
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
      LOG.info("Created master key {} in {}", keys.current.id(), file.toAbsolutePath());
    }
    Set<String> missing = new TreeSet<>(idsInUse);
    missing.removeAll(keys.ids());
    if (!missing.isEmpty()) {
      throw new MasterKeyException("wrong master key: the database holds secrets encrypted under master key(s) "
          + String.join(", ", missing) + " but the key loaded from " + keys.source() + " is " + keys.current.id()
          + ". Restore the original key (or give earlier keys in " + (envName == null ? "the environment" : envName)
          + "_PREVIOUS); nothing was changed");
    }
    return keys;
  }

  Key current() {
    return current;
  }

  /** @return the key with this id, current or retired */
  synchronized Key byId(String id) {
    if (current.id().equals(id)) {
      return current;
    }
    Key k = retired.get(id);
    if (k == null) {
      throw new MasterKeyException("master key " + id + " is not loaded (current: " + current.id() + ")");
    }
    return k;
  }

  synchronized Set<String> ids() {
    Set<String> ids = new TreeSet<>(retired.keySet());
    ids.add(current.id());
    return ids;
  }

  synchronized Collection<String> retiredIds() {
    return List.copyOf(retired.keySet());
  }

  boolean fromEnvironment() {
    return env != null;
  }

  String source() {
    return env != null ? "environment variable " + env : "file " + file.toAbsolutePath();
  }

  /**
   * Starts a rotation: keeps the current key as a retired key file, then replaces the key file atomically
   * with a new key. Data keys are re-wrapped by the caller; {@link #forget} then removes the old file.
   *
   * @return the new current key
   */
  synchronized Key rotate() throws IOException {
    if (fromEnvironment()) {
      throw new ConflictException("masterKey: the master key comes from " + env + "; put a new key there and "
          + "the old one in " + env + "_PREVIOUS, then restart: data keys are re-wrapped at start");
    }
    Key old = current;
    byte[] raw = new byte[Envelope.KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    try {
      writeAtomically(retiredFile(old.id()), old.key().getEncoded());
      writeAtomically(file, raw);
      retired.put(old.id(), old);
      current = key(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    LOG.info("Master key rotated from {} to {}; re-wrapping data keys", old.id(), current.id());
    return current;
  }

  /** Drops a retired key once no data key needs it, and deletes its file. */
  synchronized void forget(String id) throws IOException {
    if (retired.remove(id) != null && !fromEnvironment()) {
      Files.deleteIfExists(retiredFile(id));
      LOG.info("Retired master key {} removed", id);
    }
  }

  private Path retiredFile(String id) {
    return file.resolveSibling("master-" + id + ".key");
  }

  static String idOf(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("stoker master key id\0".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest(raw), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Key key(byte[] raw) {
    return new Key(idOf(raw), new SecretKeySpec(raw, "AES"));
  }

  private static Key decode(String base64, String name) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new MasterKeyException(name + ": not valid base64; give 32 random bytes in base64 (openssl rand -base64 32)");
    }
    try {
      if (raw.length != Envelope.KEY_BYTES) {
        throw new MasterKeyException(name + ": must decode to " + Envelope.KEY_BYTES + " bytes, got " + raw.length);
      }
      return key(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static Key readFile(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    try {
      if (raw.length != Envelope.KEY_BYTES) {
        throw new MasterKeyException("master key file " + file.toAbsolutePath() + " must hold exactly "
            + Envelope.KEY_BYTES + " bytes, it holds " + raw.length + "; restore the original file; nothing was changed");
      }
      warnIfOpen(file);
      return key(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static List<Key> readRetired(Path file) throws IOException {
    List<Key> keys = new ArrayList<>();
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return keys;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "master-*.key")) {
      for (Path p : files) {
        Matcher m = RETIRED.matcher(p.getFileName().toString());
        if (m.matches()) {
          Key k = readFile(p);
          if (k.id().equals(m.group(1))) {
            keys.add(k);
          } else {
            LOG.warn("Ignoring {}: its content does not match the key id in its name", p);
          }
        }
      }
    }
    return keys;
  }

  private static void warnIfOpen(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        LOG.warn("Master key file {} is readable by others ({}); chmod 600 it", file.toAbsolutePath(),
            PosixFilePermissions.toString(perms));
      }
    } catch (UnsupportedOperationException | IOException e) {
      // no POSIX permissions on this file system
    }
  }

  /** Writes a 0600 file through a temporary file, fsync and an atomic rename. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    FileAttribute<?>[] attrs = posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attrs)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
