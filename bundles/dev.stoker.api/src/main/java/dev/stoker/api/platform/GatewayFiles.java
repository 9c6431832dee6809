package dev.stoker.api.platform;

import dev.stoker.api.common.InvalidInputException;
import java.io.IOException;
import java.util.SortedMap;

/**
 * Write access to a running gateway's data folder, which Stoker hands an adapter through
 * {@link GatewayEndpoint#files()} where the runtime host can write into the gateway's container. For content
 * a platform takes only as files, e.g. projects on Ignition 8.1, which has no API to import them (the gateway
 * then needs a scan to load them).
 *
 * <p>Threading: safe for use from one thread at a time; every call blocks on the runtime host.
 *
 * @since 1.3
 */
@org.osgi.annotation.versioning.ProviderType
public interface GatewayFiles {

  /**
   * Replaces a directory under the data folder by exactly the given files, owned by the gateway's process
   * user: files the old directory held and {@code files} does not are gone afterwards. The new tree is laid
   * beside the old one and swapped in, so a failure while copying leaves the old directory as it was.
   *
   * @param path directory relative to the data folder, e.g. {@code projects/Plant}; checked with
   *     {@link #relativePath}
   * @param files path relative to {@code path} → content; each path checked with {@link #relativePath};
   *     an empty map leaves an empty directory
   * @throws InvalidInputException naming {@code path} or {@code files.<path>} when a path is not a plain
   *     relative path
   * @throws IOException when the runtime host could not write; the old directory is then left in place
   */
  void replaceDirectory(String path, SortedMap<String, byte[]> files) throws IOException;

  /**
   * @param field the field to name in the error, e.g. {@code path}
   * @param path a relative path, {@code /}-separated
   * @return the path without a trailing slash
   * @throws InvalidInputException naming {@code field} when the path is empty, absolute, uses backslashes,
   *     control characters, or has empty, {@code .} or {@code ..} segments
   */
  static String relativePath(String field, String path) {
    if (path == null || path.isBlank()) {
      throw new InvalidInputException(field, "a relative path is required");
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.startsWith("/") || p.indexOf('\\') >= 0 || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidInputException(field, "'" + printable(path) + "' is not a plain relative path");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(field, "'" + printable(path)
            + "' must not contain empty, '.' or '..' segments");
      }
    }
    return p;
  }

  private static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}
