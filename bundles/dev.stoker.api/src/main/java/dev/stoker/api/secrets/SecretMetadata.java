package dev.stoker.api.secrets;

import dev.stoker.api.common.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * Everything about a secret version except its value. Safe to show, log and return.
 *
 * @param path secret path, e.g. {@code db/main/password}
 * @param scope scope
 * @param type type
 * @param version version number, from 1
 * @param createdBy user that wrote this version
 * @param created when
 * @param expires expiry parsed from certificates or licences, or {@code null}
 * @param attributes parsed, non-secret attributes (subject, issuer, SANs, ...)
 */
public record SecretMetadata(String path, SecretScope scope, SecretType type, int version, String createdBy,
    Instant created, @Nullable Instant expires, Map<String, String> attributes) {
  public SecretMetadata {
    attributes = Map.copyOf(attributes);
  }
}
