package dev.stoker.api.environment;

import java.time.Instant;
import java.util.Map;

/**
 * A file held in the blob store for environments: a module, a JDBC driver or a backup. Equal content is
 * stored once; the first name given to it is kept.
 *
 * @param sha256 content digest (hex), its address
 * @param size size in bytes
 * @param fileName file name as uploaded (or as Stoker named a backup it took)
 * @param kind what the content is
 * @param attributes what was read from inside it, e.g. {@code moduleId}, {@code ignitionVersion}
 * @param createdBy user that uploaded it (or that asked for the backup)
 * @param created when it was stored
 */
public record Artifact(String sha256, long size, String fileName, ArtifactKind kind, Map<String, String> attributes,
    String createdBy, Instant created) {
  public Artifact {
    attributes = Map.copyOf(attributes);
  }
}
