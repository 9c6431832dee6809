package dev.stoker.api.docs;

/**
 * A document rendered for people outside Stoker, with its provenance and signature block.
 *
 * @param bytes the file
 * @param mediaType {@code text/markdown}, {@code text/html} or {@code application/pdf}
 * @param fileName a file name for downloads
 */
public record Export(byte[] bytes, String mediaType, String fileName) {
}
