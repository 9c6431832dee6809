package dev.stoker.api.secrets;

import java.util.List;
import java.util.Optional;

/**
 * Backend that keeps secret values: the built-in encrypted store, or an external vault.
 *
 * <p>Values cross this interface as {@code char[]}/{@code byte[]} so callers can wipe them. Threading:
 * safe for concurrent use. Implementations never log values.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface SecretStore {

  /** Writes a new version and returns its metadata. */
  SecretMetadata write(String path, SecretScope scope, SecretType type, byte[] value, String actor);

  /** @return metadata of a version ({@code version} 0 = latest) */
  Optional<SecretMetadata> metadata(String path, int version);

  /** @return the value of a version ({@code version} 0 = latest); callers audit this */
  byte[] read(String path, int version);

  /** @return latest metadata of every secret in a scope */
  List<SecretMetadata> list(SecretScope scope);
}
