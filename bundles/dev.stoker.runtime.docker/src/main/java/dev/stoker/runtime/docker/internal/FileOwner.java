package dev.stoker.runtime.docker.internal;

/**
 * Owner and mode of files laid into a volume or a container.
 *
 * @param uid numeric user id (e.g. 2003, the Ignition image's {@code ignition} user)
 * @param gid numeric group id
 * @param fileMode permission bits of files, e.g. {@code 0644}; folders get {@code 0755}
 */
public record FileOwner(int uid, int gid, int fileMode) {
  /** root, 0644. */
  public static final FileOwner ROOT = new FileOwner(0, 0, 0644);

  public FileOwner {
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must be >= 0, got " + uid + ":" + gid);
    }
    if ((fileMode & ~07777) != 0) {
      throw new IllegalArgumentException("fileMode must be octal permission bits, got " + Integer.toOctalString(fileMode));
    }
  }

  /** @return the owner for {@code uid:gid} or {@code uid} (gid = uid), mode 0644; {@code null} if blank or not numeric */
  public static FileOwner parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    String[] parts = spec.trim().split(":", 2);
    try {
      int uid = Integer.parseInt(parts[0]);
      int gid = parts.length == 2 ? Integer.parseInt(parts[1]) : uid;
      return new FileOwner(uid, gid, 0644);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
