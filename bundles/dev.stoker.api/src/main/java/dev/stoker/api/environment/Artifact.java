package dev.stoker.api.environment;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * A file held in the blob store for environments: a module, a JDBC driver or a backup. Equal content is
 * stored once; it is listed once for everyone (uploads without a project) and once per project it was uploaded
 * for, each entry with the first name given to it there.
 *
 * @param sha256 content digest (hex), its address
 * @param size size in bytes
 * @param fileName file name as uploaded (or as Stoker named a backup it took)
 * @param kind what the content is
 * @param attributes what was read from inside it, e.g. {@code moduleId}, {@code ignitionVersion}
 * @param createdBy user that uploaded it (or that asked for the backup)
 * @param created when it was stored
 * @param project the project it was uploaded for (a backup Stoker took: the project of its environment), whose
 *     bindings decide who sees and uses it; {@code null} for everyone (since 2.2)
 */
public record Artifact(String sha256, long size, String fileName, ArtifactKind kind, Map<String, String> attributes,
    String createdBy, Instant created, @Nullable String project) {
  public Artifact {
    attributes = Map.copyOf(attributes);
  }

  /** An artifact for everyone. */
  public Artifact(String sha256, long size, String fileName, ArtifactKind kind, Map<String, String> attributes,
      String createdBy, Instant created) {
    this(sha256, size, fileName, kind, attributes, createdBy, created, null);
  }
}
