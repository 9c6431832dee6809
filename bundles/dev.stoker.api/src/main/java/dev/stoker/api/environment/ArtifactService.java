package dev.stoker.api.environment;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Uploads of the files environments use (modules, JDBC drivers, backups) into the blob store. Each upload
 * is inspected before it is kept: its kind follows from the file name's extension and must be confirmed by
 * its content; archives with unsafe entry names or that inflate beyond the limits are refused.
 *
 * <p>Threading: all methods may be called concurrently.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ArtifactService {

  /**
   * Stores an upload after checking it.
   *
   * @param content the bytes (read to the end, not closed)
   * @param fileName the file's name, e.g. {@code my-module.modl}
   * @param actor user uploading
   * @return the stored artifact
   * @throws IllegalArgumentException starting with {@code fileName:} or {@code file:} for a bad upload
   * @throws dev.stoker.api.common.UnavailableException when the blob store is not available
   */
  Artifact upload(InputStream content, String fileName, String actor) throws IOException;

  /** @return the artifact, if stored */
  Optional<Artifact> get(String sha256);

  /** @return artifacts, newest first */
  Page<Artifact> list(PageRequest page);
}
