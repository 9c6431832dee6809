package dev.stoker.api.docs;

import java.time.Instant;

/**
 * The sign-off.
 *
 * @param signer who signed
 * @param at when
 * @param sha256 SHA-256 (hex) of the content's UTF-8 bytes, a newline, and the facts' SHA-256
 */
public record Signature(String signer, Instant at, String sha256) {
}
