package dev.stoker.api.environment;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Uploads of the files environments use (modules, JDBC drivers, backups) into the blob store. Each upload
 * is inspected before it is kept: its kind follows from the file name's extension and must be confirmed by
 * its content; archives with unsafe entry names or that inflate beyond the limits are refused. An upload may be
 * for a project: then only those who see the project see it, and only its engineers (or higher) use it
 * ({@link Artifact#project}).
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
  default Artifact upload(InputStream content, String fileName, String actor) throws IOException {
    return upload(content, fileName, null, actor);
  }

  /**
   * Stores an upload for a project after checking it; the same content uploaded for everyone or for another
   * project is another entry.
   *
   * @param project the project it is for, or {@code null} for everyone; the actor needs {@code engineer} there
   * @throws dev.stoker.api.common.InvalidInputException naming {@code project} when the actor does not see the
   *     project, {@code fileName} or {@code file} for a bad upload; nothing is read then
   * @throws dev.stoker.api.common.ForbiddenException when the actor's role on the project is below engineer
   * @since 2.2
   */
  Artifact upload(InputStream content, String fileName, String project, String actor) throws IOException;

  /** @return the entry of this content for everyone, else its first project entry, if stored */
  Optional<Artifact> get(String sha256);

  /**
   * @return every entry of this content: the one for everyone first (if any), then one per project by name
   * @since 2.2
   */
  List<Artifact> entries(String sha256);

  /** @return artifact entries, newest first */
  Page<Artifact> list(PageRequest page);
}
