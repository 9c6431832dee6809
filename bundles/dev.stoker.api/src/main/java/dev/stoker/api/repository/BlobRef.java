package dev.stoker.api.repository;

/**
 * A stored blob.
 *
 * @param sha256 content digest (hex), also its address
 * @param size size in bytes
 */
public record BlobRef(String sha256, long size) {
}
