package dev.stoker.api.runtime;

/**
 * How full the file system under a path of a container is, e.g. a gateway's data volume.
 *
 * @param path the path asked about
 * @param usedBytes bytes in use
 * @param totalBytes size of the file system; greater than 0
 * @since 1.2
 */
public record FilesystemUsage(String path, long usedBytes, long totalBytes) {
  public FilesystemUsage {
    if (totalBytes <= 0 || usedBytes < 0) {
      throw new IllegalArgumentException("usedBytes >= 0 and totalBytes > 0 required");
    }
  }

  /** @return used share of the file system, 0 to 1 */
  public double usedRatio() {
    return Math.min(1.0, (double) usedBytes / totalBytes);
  }
}
