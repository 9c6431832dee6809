package dev.stoker.api.platform;

import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns a platform's project export into a normalised {@link ResourceTree} and back. Normalised means
 * stable formatting and key order, and noise (e.g. modification stamps) removed, so that equal content
 * gives equal bytes and diffs show only real changes.
 *
 * <p>Threading: stateless, safe for concurrent use. Implementations must reject archives with path
 * traversal or that expand beyond their limits with {@link IllegalArgumentException}.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ArtifactCodec {

  /** Reads a project export. */
  ResourceTree decode(InputStream export) throws IOException;

  /** Writes a project export the platform can import, recomputing signatures. */
  void encode(ResourceTree tree, OutputStream export) throws IOException;

  /**
   * Reads a tag export into its normal form (stable key and child order).
   *
   * @throws IllegalArgumentException when the bytes are not a tag export of this platform
   */
  byte[] decodeTags(InputStream tags) throws IOException;
}
