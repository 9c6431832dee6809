package dev.stoker.api.secrets;

import java.time.Instant;
import java.util.Map;

/**
 * What a {@link SecretStore} keeps next to a new version's value: everything but the value, so it is safe to
 * log.
 *
 * @param scope scope, checked
 * @param path path, checked
 * @param type type; must match the secret's earlier versions
 * @param change why the version exists: {@code written}, {@code rotated} or {@code rolled-back}
 * @param expires when the value expires (parsed from a certificate, or given on write), or {@code null}
 * @param attributes parsed, non-secret attributes (certificate subject, key type, {@code rolledBackFrom}, …)
 * @param rotationDays new rotation schedule: days between rotations, 0 for none, {@code null} to keep it
 * @param actor who wrote it
 */
public record NewVersion(SecretScope scope, String path, SecretType type, String change, Instant expires,
    Map<String, String> attributes, Integer rotationDays, String actor) {
  public NewVersion {
    attributes = Map.copyOf(attributes);
  }
}
