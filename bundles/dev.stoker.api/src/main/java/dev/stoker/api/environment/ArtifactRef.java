package dev.stoker.api.environment;

/**
 * A file held in the blob store, e.g. a module, a JDBC driver or a backup.
 *
 * @param sha256 content digest (hex)
 * @param fileName name to give the file when it is laid into a container
 */
public record ArtifactRef(String sha256, String fileName) {
}
