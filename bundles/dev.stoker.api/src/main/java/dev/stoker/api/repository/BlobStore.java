package dev.stoker.api.repository;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage for large binary files (modules, backups, images). Equal content is stored
 * once. Filesystem by default; object stores later.
 *
 * <p>Threading: all methods are safe to call concurrently; a blob becomes visible only once fully
 * written.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface BlobStore {

  /**
   * Streams content into the store.
   *
   * @param content the bytes
   * @param maxBytes refuse (and keep nothing) beyond this size
   * @return the blob's reference
   * @throws IllegalArgumentException when the content exceeds {@code maxBytes}
   */
  BlobRef put(InputStream content, long maxBytes) throws IOException;

  /** @return the content, if stored */
  Optional<InputStream> open(String sha256) throws IOException;

  /** @return whether the blob is stored */
  boolean contains(String sha256) throws IOException;
}
