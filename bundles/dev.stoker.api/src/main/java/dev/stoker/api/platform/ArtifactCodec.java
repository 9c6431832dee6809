package dev.stoker.api.platform;

import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Turns a platform's project export into a {@link ResourceTree} and back, byte for byte: the repository keeps
 * the files as the platform wrote them (formatting, key order, modification stamps and signatures included),
 * so that importing and exporting an untouched project gives back every file unchanged. Comparing content
 * regardless of formatting and stamps is the {@link ResourceMerger}'s work, not the codec's. A resource that
 * Stoker itself changes (a merge result, a resolved conflict) is {@link #stamp stamped} before it is stored.
 *
 * <p>Threading: stateless, safe for concurrent use. Implementations must reject archives with path
 * traversal or that expand beyond their limits with {@link IllegalArgumentException}.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ArtifactCodec {

  /** Reads a project export, checking it, and keeping every file's bytes as they are. */
  ResourceTree decode(InputStream export) throws IOException;

  /**
   * Writes a project export the platform can import. Files are written as the tree holds them; only what the
   * platform would refuse (e.g. a resource without the signature the platform requires) is completed.
   */
  void encode(ResourceTree tree, OutputStream export) throws IOException;

  /**
   * Marks a resource as changed by a user through Stoker: records who and when where the platform keeps it
   * (e.g. Ignition's {@code lastModification}) and recomputes what the platform derives from the content (e.g.
   * a signature). Files other than those are returned unchanged (the same arrays).
   *
   * @param resource the changed resource, its files with their real content (no repository pointers)
   * @param actor the Stoker user who made the change
   * @param at when the change was made
   * @return the stamped resource; the default returns {@code resource} as it is
   * @since 1.3
   */
  default Resource stamp(Resource resource, String actor, Instant at) {
    return resource;
  }

  /**
   * Reads a tag export into its normal form (stable key and child order).
   *
   * @throws IllegalArgumentException when the bytes are not a tag export of this platform
   */
  byte[] decodeTags(InputStream tags) throws IOException;
}
